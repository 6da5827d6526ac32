import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { compareWithRecording, normaliseVolatile, runExample } from '../src/index.ts';

const example = fileURLToPath(new URL('./fixtures/example.ts', import.meta.url));

describe('normaliseVolatile', () => {
  it('masks fds, ports on loopback, timings and the machine name', () => {
    expect(
      normaliseVolatile(
        "<socket fd=21 laddr=('127.0.0.1', 41234)> 127.0.0.1:5555 [::1]:80 port 9 in 3.25 ms on vm",
        'vm',
      ),
    ).toBe(
      "<socket fd=<fd> laddr=('127.0.0.1', <port>)> 127.0.0.1:<port> [::1]:<port> port <port> in <time> on <hostname>",
    );
  });

  it('compares a time padded to a column whatever its number of digits', () => {
    // Chapter 4's accept-loop-timing failed on a busy machine: '  935 ms' became ' 1035 ms'.
    expect(normaliseVolatile('after  935 ms, served', 'vm')).toBe(
      normaliseVolatile('after 1035 ms, served', 'vm'),
    );
    expect(normaliseVolatile('| 9 ms    | 12 |\n| 1035 ms | 12 |', 'vm')).toBe(
      '| <time> | 12 |\n| <time> | 12 |',
    );
  });

  it('replaces only the whole machine name, never part of a word', () => {
    expect(normaliseVolatile('recvmsg on vm, vm-2 and vm.local', 'vm')).toBe(
      'recvmsg on <hostname>, vm-2 and <hostname>.local',
    );
  });

  it('reads the machine name literally, not as a pattern', () => {
    // Unescaped, the dot would match any character and 'a+b' would mean "one or more a, then b".
    expect(normaliseVolatile('ci.box, cixbox, a+b and aab', 'ci.box')).toBe(
      '<hostname>, cixbox, a+b and aab',
    );
    expect(normaliseVolatile('a+b and aab', 'a+b')).toBe('<hostname> and aab');
  });
});

describe('compareWithRecording', () => {
  let dir = '';
  afterEach(async () => {
    vi.unstubAllEnvs();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('records a missing output outside CI, then compares normalised texts', async () => {
    vi.stubEnv('CI', 'false');
    vi.stubEnv('NETPROG_RECORD', '0');
    dir = await mkdtemp(join(tmpdir(), 'testbed-recording-'));
    const file = join(dir, 'outputs', 'scan.txt');
    const first = await compareWithRecording('port 8080 open in 2 ms\n', file);
    expect(first.written).toBe(true);
    expect(await readFile(file, 'utf8')).toBe('port 8080 open in 2 ms\n'); // what was printed
    const second = await compareWithRecording('port 9090 open in 5 ms\n', file);
    expect(second).toEqual({
      actual: 'port <port> open in <time>\n',
      recorded: 'port <port> open in <time>\n',
      written: false,
    });
    const drifted = await compareWithRecording('port 9090 closed\n', file);
    expect(drifted.actual).not.toBe(drifted.recorded);
  });

  it('refuses a missing recording in CI, and rewrites it under docs:record', async () => {
    dir = await mkdtemp(join(tmpdir(), 'testbed-recording-'));
    const file = join(dir, 'missing.txt');
    vi.stubEnv('CI', 'true');
    vi.stubEnv('NETPROG_RECORD', '0');
    await expect(compareWithRecording('x\n', file)).rejects.toThrow(/Run `pnpm docs:record`/);
    vi.stubEnv('NETPROG_RECORD', '1');
    expect((await compareWithRecording('new\n', file)).written).toBe(true);
    expect(await readFile(file, 'utf8')).toBe('new\n');
  });
});

describe('runExample', () => {
  // Each run starts Node: seconds on a busy machine.
  it('returns stdout, stderr and the exit code, with the loopback guard loaded', {
    timeout: 30_000,
  }, async () => {
    const run = await runExample(example, [], { timeoutMs: 25_000 });
    expect(run).toMatchObject({
      stdout: 'connect to 192.0.2.1:80 -> ENETUNREACH_GUARD\n',
      stderr: 'a line on stderr\n',
      code: 3,
      signal: null,
    });
  });

  it('kills an example that runs past its time limit', { timeout: 30_000 }, async () => {
    const run = await runExample(example, ['hang'], { timeoutMs: 1_500 });
    expect(run).toMatchObject({ code: null, signal: 'SIGKILL' });
    expect(run.durationMs).toBeGreaterThanOrEqual(1_400);
  });
});
