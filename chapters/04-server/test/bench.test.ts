// The benchmark command's pure parts (reading wrk) and its command-line errors; the tables are
// @netprog/cli/bench's, tested there.
// The benchmark itself is not run here: numbers belong in a measurement, not in a test.
import { fileURLToPath } from 'node:url';
import { runExample } from '@netprog/testbed';
import { expectUsageLine } from '@netprog/testbed/bad-command-lines';
import { describe, expect, it } from 'vitest';
import { parseWrkOutput } from '../bench/wrk.ts';

// Printed by `wrk -t1 -c50 -d1s --latency` (wrk 4.1.0) against node:http on a busy machine.
const WRK_REPORT = `Running 1s test @ http://127.0.0.1:46289/hello
  1 threads and 50 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    43.08ms   80.43ms 381.46ms   86.36%
    Req/Sec     4.80k     3.46k    9.63k    50.00%
  Latency Distribution
     50%    7.24ms
     75%   17.64ms
     90%  173.65ms
     99%  328.04ms
  4765 requests in 1.02s, 823.64KB read
Requests/sec:   4694.24
Transfer/sec:    811.41KB
`;

describe('parseWrkOutput', () => {
  it('reads requests, rate and percentiles', () => {
    expect(parseWrkOutput(WRK_REPORT)).toEqual({
      requests: 4765,
      seconds: 1.02,
      requestsPerSecond: 4694.24,
      p50Ms: 7.24,
      p99Ms: 328.04,
      errors: 0,
    });
  });

  it('converts microseconds and seconds, and counts errors and non-2xx answers', () => {
    const report = WRK_REPORT.replace('7.24ms', '383.00us')
      .replace('328.04ms', '2.01s')
      .replace(
        'Requests/sec',
        '  Socket errors: connect 0, read 2, write 0, timeout 3\n  Non-2xx or 3xx responses: 10\nRequests/sec',
      );
    const result = parseWrkOutput(report);
    expect(result.p50Ms).toBeCloseTo(0.383);
    expect(result.p99Ms).toBeCloseTo(2010);
    expect(result.errors).toBe(15);
  });

  it('refuses a report without the latency distribution', () => {
    expect(() => parseWrkOutput('Running 1s test\n')).toThrow(/no complete --latency report/);
  });
});

describe('the bench command', () => {
  const bench = fileURLToPath(new URL('../bench/run.ts', import.meta.url));
  const RUN = { timeoutMs: 60_000 };

  it.concurrent.each([
    [
      ['--rounds', '-2', '--bogus'],
      'error: --rounds must be a whole number from 1 to 10, got "-2"',
    ],
    [
      ['--quick', 'now'],
      'error: unexpected argument "now"; usage: bench [--duration S] [--rounds N] [--connections N] [--only raw|models] [--quick] [--record]',
    ],
    [['--only', 'all'], 'error: --only must be raw or models, got "all"'],
  ])(
    'explains a bad command line %j in one line and exits 2',
    async (args, line) => {
      const run = await runExample(bench, args, RUN);
      expectUsageLine(run, line);
    },
    90_000,
  );

  it('says how to install wrk when it is missing, and exits 2', async () => {
    const run = await runExample(bench, ['--quick'], { ...RUN, env: { PATH: '/nonexistent' } });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'error: wrk is not installed. Install it with `sudo apt-get install wrk` (Debian, Ubuntu) or `brew install wrk` (macOS), then run the benchmark again.\n',
    );
  }, 90_000);
});
