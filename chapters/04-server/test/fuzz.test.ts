// Differential fuzzing of chapter 4's server against node:http. Each case is a valid request with
// a few byte-level mutations (fuzz/http-mutations.ts), split across writes. Both servers read it,
// through their real code, and the property is the one that matters for request smuggling: every
// request our server accepts (and would answer 200), node:http accepts too, with the same method,
// target and body length. Our server may refuse more (it is stricter), never less; and it must
// never crash, and close every connection within a bound once the client has sent its FIN.
//
// The bulk runs over in-memory sockets (thousands a second); a sample goes over real loopback
// sockets to both servers, listening on port 0. In `pnpm test` it is up to 20,000 + 500 cases
// with a fixed seed, stopped after 15 s + 5 s: an idle machine runs them all in a few seconds, a
// busy one fewer (the count is printed). `pnpm --filter @netprog/ch04-server fuzz` runs 50,000 +
// 2,000 with a fresh seed and no time limit. FUZZ_SEED (a number, or "random"), FUZZ_RUNS,
// FUZZ_SOCKET_RUNS and FUZZ_TIME_LIMIT_MS (0: none) set them; a failure prints the seed and the
// shrunk case to repeat it.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { chunksOf, type FuzzCase, fuzzCase } from './fuzz/http-mutations.ts';
import { NodeServer, OurServer, type Verdict } from './fuzz/verdicts.ts';
import { exchange } from './raw-exchange.ts';

const SEED =
  process.env.FUZZ_SEED === 'random'
    ? Math.floor(Math.random() * 2 ** 31)
    : Number(process.env.FUZZ_SEED ?? 20_260_516);
const RUNS = Number(process.env.FUZZ_RUNS ?? 20_000);
/** How many of the cases also go over real loopback sockets, to each server. */
const SOCKET_RUNS = Number(process.env.FUZZ_SOCKET_RUNS ?? 500);
/** Time for the in-memory bulk; the loopback sample gets a third of it. */
const TIME_LIMIT_MS = Number(process.env.FUZZ_TIME_LIMIT_MS ?? 15_000);
/** fast-check stops starting new cases after `ms` (the cases run so far still count). */
const timeLimit = (ms: number) => (ms > 0 ? [fc.interruptAfterTimeLimit(ms)] : []);
const LIMITS = { maxHeadBytes: 8 * 1024, maxBodyBytes: 1024 * 1024 };

const ours = new OurServer(LIMITS);
const node = new NodeServer(LIMITS);
afterAll(() => ours.close());

/**
 * node:http refusals that are not about framing (where a request or its body ends): after one of
 * these, node:http's verdict says nothing about how the bytes would be framed, so our server may
 * accept what follows. Each entry says why it is not a framing reason.
 */
const NOT_FRAMING: Readonly<Record<string, string>> = {
  // llhttp knows a fixed list of methods; RFC 9110 §9.1 makes methods an open set of tokens, and
  // a request's framing never depends on its method (RFC 9112 §6.3).
  HPE_INVALID_METHOD: 'method not in llhttp list',
  // Bytes after a request node:http decided was the connection's last. It misses an option
  // written with a tab ("Connection: keep-alive\t"), where RFC 9110 §5.6.3 makes HTAB optional
  // whitespace; it then reads nothing more. Every request before it is still compared.
  HPE_CLOSED_CONNECTION: 'node:http closed the connection after the previous request',
};

/** Why `our` verdict is not allowed given node:http's, or undefined when it is fine. */
function disagreement(our: Verdict, theirs: Verdict): string | undefined {
  for (const [i, accepted] of our.accepted.entries()) {
    const other = theirs.accepted[i];
    if (other === undefined) {
      if (theirs.refused !== undefined && theirs.refused in NOT_FRAMING) return undefined;
      return `our server accepted request ${i + 1} (${accepted.method} ${accepted.target}) that node:http refused (${theirs.refused ?? 'no request'})`;
    }
    if (JSON.stringify(other) !== JSON.stringify(accepted)) {
      return `request ${i + 1} read differently: ours ${JSON.stringify(accepted)}, node:http ${JSON.stringify(other)}`;
    }
  }
  return undefined;
}

const show = (fuzz: FuzzCase) => JSON.stringify(chunksOf(fuzz).map((c) => c.toString('latin1')));

describe(`fuzzing against node:http (seed ${SEED}, FUZZ_SEED=${SEED} to repeat)`, () => {
  it(`up to ${RUNS} mutated requests over in-memory sockets: never one node:http refuses`, {
    timeout: 120_000,
  }, async () => {
    const started = performance.now();
    let runs = 0;
    let refusedByNode = 0;
    let acceptedByOurs = 0;
    await fc.assert(
      fc.asyncProperty(fuzzCase, async (fuzz) => {
        runs += 1;
        const chunks = chunksOf(fuzz);
        const [our, theirs] = await Promise.all([ours.verdict(chunks), node.verdict(chunks)]);
        if (theirs.refused !== undefined) refusedByNode += 1;
        if (our.accepted.length > 0) acceptedByOurs += 1;
        const problem = disagreement(our, theirs);
        if (problem !== undefined) throw new Error(`${problem}\n  bytes: ${show(fuzz)}`);
      }),
      { seed: SEED, numRuns: RUNS, plugins: timeLimit(TIME_LIMIT_MS) },
    );
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `fuzz: ${runs} of ${RUNS} requests in ${seconds.toFixed(1)} s (seed ${SEED}); node:http refused ${refusedByNode}, ours accepted ${acceptedByOurs}`,
    );
  });
});

describe(`the same over loopback sockets (seed ${SEED + 1})`, () => {
  const ourServer = new OurServer(LIMITS);
  const nodeServer = new NodeServer(LIMITS);
  afterAll(async () => {
    await ourServer.close();
    await nodeServer.close();
  });

  it(`up to ${SOCKET_RUNS} mutated requests, written in pieces, then FIN`, {
    timeout: 120_000,
  }, async () => {
    const ourAddress = await ourServer.listen();
    const nodeAddress = await nodeServer.listen();
    const started = performance.now();
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(fuzzCase, async (fuzz) => {
        runs += 1;
        const pieces = chunksOf(fuzz).map((chunk) => chunk.toString('latin1'));
        // One case at a time, so each server's verdict is on this case's connection alone.
        // exchange() rejects when a server does not close within 2 s of the FIN: a hang.
        const [ourReply] = await Promise.all([
          exchange(ourAddress, pieces, true, 2_000),
          exchange(nodeAddress, pieces, true, 2_000),
        ]);
        const problem = disagreement(ourServer.takeVerdict(ourReply), nodeServer.takeVerdict());
        if (problem !== undefined) expect.fail(`${problem}\n  bytes: ${show(fuzz)}`);
      }),
      { seed: SEED + 1, numRuns: SOCKET_RUNS, plugins: timeLimit(TIME_LIMIT_MS / 3) },
    );
    const seconds = (performance.now() - started) / 1000;
    console.log(`fuzz over loopback: ${runs} of ${SOCKET_RUNS} in ${seconds.toFixed(1)} s`);
  });
});
