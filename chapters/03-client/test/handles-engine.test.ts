// The internal engine is opt-in and must step aside, with one line, wherever Node no longer
// offers it: the binding gone, refused, changed, or deprecated at run time (DEP0111).
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { listenOpenPorts, runExample } from '@netprog/testbed';
import { describe, expect, it } from 'vitest';
import { fastScan } from '../src/fast-scan/fast-scan.ts';
import { handlesUnavailable, loadTcpWrap } from '../src/fast-scan/handles-engine.mjs';

const engine = fileURLToPath(new URL('../src/fast-scan/handles-engine.mjs', import.meta.url));
const example = fileURLToPath(new URL('../examples/port-scan.ts', import.meta.url));
const withoutBinding = fileURLToPath(
  new URL('fixtures/without-process-binding.mjs', import.meta.url),
);

/** A process as loadTcpWrap sees it, with `binding` replaced. */
function fakeProcess(binding: ((name: string) => unknown) | undefined, execArgv: string[] = []) {
  const warnings: unknown[][] = [];
  const proc = {
    version: 'v99.0.0',
    execArgv,
    env: {},
    binding,
    emitWarning: (...args: unknown[]) => void warnings.push(args),
  };
  return { proc, warnings };
}

const tcpWrapLike = { TCP: class {}, TCPConnectWrap: class {}, constants: { SOCKET: 0 } };

describe('loadTcpWrap', () => {
  it('hands out the binding where it is whole', () => {
    const { proc } = fakeProcess(() => tcpWrapLike);
    expect(loadTcpWrap(proc)).toEqual({ binding: tcpWrapLike });
  });

  it.each([
    ['is gone', undefined, 'Node v99.0.0 has no process.binding'],
    [
      'throws',
      () => {
        throw new Error('No such module: tcp_wrap');
      },
      "Node v99.0.0 refused process.binding('tcp_wrap'): No such module: tcp_wrap",
    ],
    [
      'lacks TCP handles',
      () => ({ constants: {} }),
      "Node v99.0.0's process.binding('tcp_wrap') lacks TCP handles",
    ],
  ])('says why when the binding %s', (_, binding, why) => {
    expect(loadTcpWrap(fakeProcess(binding).proc)).toEqual({ unavailable: why });
  });

  it("falls back when Node warns DEP0111, and keeps Node's warning to itself", () => {
    const { proc, warnings } = fakeProcess(() => {
      proc.emitWarning(
        "Access to process.binding('tcp_wrap') is deprecated.",
        'DeprecationWarning',
        'DEP0111',
      );
      proc.emitWarning('something else', { type: 'DeprecationWarning', code: 'DEP0005' });
      return tcpWrapLike;
    });
    const emitWarning = proc.emitWarning;
    expect(loadTcpWrap(proc)).toEqual({
      unavailable: 'Node v99.0.0 deprecates process.binding at run time (DEP0111)',
    });
    expect(warnings).toEqual([['something else', { type: 'DeprecationWarning', code: 'DEP0005' }]]);
    expect(proc.emitWarning).toBe(emitWarning);
  });

  it('falls back under --pending-deprecation even when someone else took the one warning', () => {
    const { proc } = fakeProcess(() => tcpWrapLike, ['--pending-deprecation']);
    expect(loadTcpWrap(proc)).toEqual({
      unavailable: 'Node v99.0.0 runs with --pending-deprecation, which deprecates it (DEP0111)',
    });
  });

  it('falls back in a real Node started with --pending-deprecation, and Node prints nothing', async () => {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [
      '--pending-deprecation',
      '--input-type=module',
      '-e',
      `import { handlesUnavailable } from ${JSON.stringify(engine)}; console.log(handlesUnavailable());`,
    ]);
    expect(stdout).toBe(
      `Node ${process.version} runs with --pending-deprecation, which deprecates it (DEP0111)\n`,
    );
    expect(stderr).toBe('');
  });
});

describe('the handles engine, asked for', () => {
  it('runs where this Node offers it', async (context) => {
    if (handlesUnavailable() !== undefined) context.skip();
    await using open = await listenOpenPorts(1);
    const report = await fastScan('127.0.0.1', open.ports, { engine: 'handles' });
    expect(report).toMatchObject({ engine: 'handles', fallback: undefined, open: open.ports });
  });

  it('steps aside with one line where process.binding is missing, and the scan still runs', async () => {
    await using open = await listenOpenPorts(1);
    const port = String(open.ports[0]);
    const run = await runExample(example, ['127.0.0.1', port, '--engine', 'handles'], {
      env: { NODE_OPTIONS: `--import ${withoutBinding}` },
      timeoutMs: 30_000,
    });
    expect(run.stderr).toBe(
      `note: --engine handles cannot run here (Node ${process.version} has no process.binding); used --engine net\n`,
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`127.0.0.1:${port} open`);
    expect(run.stdout).toContain('(1 thread, net engine)');
  }, 40_000);
});
