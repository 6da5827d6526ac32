// A fake DNS server on loopback (A, AAAA, CNAME, PTR, TXT; NXDOMAIN, hijacking, delays) for chapter 1.
export * from './dns/index.ts';

// Running examples and checking their recorded outputs (the docs' notebook cells).
export * from './examples/index.ts';

// Hermetic loopback fixtures: each starts with one call and stops with close() or `await using`.
export type { Blackhole, BlackholeOptions } from './fixtures/blackhole.ts';
export { listenBlackhole } from './fixtures/blackhole.ts';
export type { ClosedPort } from './fixtures/closed-port.ts';
export { closedPort } from './fixtures/closed-port.ts';
export { listenEcho } from './fixtures/echo.ts';
export type { Closable, Fixture, SockAddr } from './fixtures/fixture.ts';
export type { HttpHandler, HttpTarget } from './fixtures/http-target.ts';
export { listenHttp } from './fixtures/http-target.ts';
export type { ListenTcpOptions, TcpFixture } from './fixtures/listen-tcp.ts';
export { listenTcp } from './fixtures/listen-tcp.ts';
export type { OpenPorts, OpenPortsOptions } from './fixtures/open-ports.ts';
export { listenOpenPorts } from './fixtures/open-ports.ts';
export type { Recorder } from './fixtures/recorder.ts';
export { listenRecorder } from './fixtures/recorder.ts';

// The HTTP target's pure parts, for tests that build or check raw HTTP bytes.
export type { ParsedHead } from './http/parse-request-head.ts';
export { findHeadEnd, parseRequestHead } from './http/parse-request-head.ts';
export { encodeChunked, serialiseResponse } from './http/serialise-response.ts';
export type { HttpShape, RawHttpRequest } from './http/types.ts';

// A lossy UDP peer (seeded drops, delays, duplicates, reordering) and a closed UDP port, for chapter 6.
export * from './lossy-udp/index.ts';
