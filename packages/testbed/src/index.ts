// A fake DNS server on loopback (A, AAAA, CNAME, PTR, TXT; NXDOMAIN, hijacking, delays) for chapter 1.
export * from './dns/index.ts';

// Running examples and checking their recorded outputs (the docs' notebook cells).
export * from './examples/index.ts';

// Hermetic loopback fixtures: each starts with one call and stops with close() or `await using`.
// Also their own entry point, @netprog/testbed/fixtures: a test that needs only these loads a
// dozen modules instead of the whole package (the lab grader starts one process per test file).
export * from './fixtures/index.ts';

// The HTTP target's pure parts, for tests that build or check raw HTTP bytes.
export type { ParsedHead } from './http/parse-request-head.ts';
export { findHeadEnd, parseRequestHead } from './http/parse-request-head.ts';
export { encodeChunked, serialiseResponse } from './http/serialise-response.ts';
export type { HttpShape, RawHttpRequest } from './http/types.ts';
// A lossy UDP peer (seeded drops, delays, duplicates, reordering) and a closed UDP port, for chapter 6.
export * from './lossy-udp/index.ts';
// One seed per fixture that makes random choices: NETPROG_SEED replays a run.
export * from './seed/index.ts';
