// `pnpm lab` starts in bin/lab.mjs, which starts the grading process before the TypeScript loader and
// the CLI are loaded (src/grade/grading-process.mjs). The CLI must take that process over when it grades, and
// nothing of it may outlive a command that does not.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { appendFile, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { linuxOnly } from '@netprog/testbed/linux-only/tests';
import { describe, expect, test, vi } from 'vitest';
import { mayGrade } from '../src/grade/grading-process.mjs';
import { readRequest } from '../src/grade/grading-request.ts';
import { type CliRun, cliEnv, collect, packageDir, waitForOutput } from './helpers/run-cli.ts';
import { copyFixtureLabs } from './helpers/temp-labs.ts';

const launcher = fileURLToPath(new URL('../bin/lab.mjs', import.meta.url));
const parent = fileURLToPath(new URL('./fixtures/early-start-parent.mjs', import.meta.url));
const spawnProbe = fileURLToPath(new URL('./fixtures/spawn-probe.mjs', import.meta.url));
// What is left behind is found by the marker in each process's /proc/<pid>/environ.
const linux = linuxOnly("the processes left behind are found through Linux's /proc/<pid>/environ");

describe('mayGrade: which command lines start vitest early', () => {
  test('a lab, with or without grading flags', () => {
    expect(mayGrade(['chapter3'])).toBe(true);
    expect(mayGrade(['3', '--once', '--solution'])).toBe(true);
    expect(mayGrade(['--json', 'client'])).toBe(true);
  });

  test('not the list, hints, reset, verify, rehash or help', () => {
    for (const argv of [
      [],
      ['--once'],
      ['list'],
      ['3', 'hint'],
      ['3', 'reset', 'a'],
      ['verify'],
      ['rehash'],
    ])
      expect(mayGrade(argv), argv.join(' ')).toBe(false);
    for (const argv of [['help'], ['3', '--help'], ['-h']]) expect(mayGrade(argv)).toBe(false);
  });
});

describe('readRequest', () => {
  test('reads the whole of stdin, in as many chunks as it comes', async () => {
    const text = JSON.stringify({ labDir: '/labs/demo', target: 'exercises' });
    const chunks = [text.slice(0, 5), Buffer.from(text.slice(5))];
    await expect(readRequest(Readable.from(chunks))).resolves.toMatchObject({
      labDir: '/labs/demo',
    });
  });

  test('says so when stdin closes without a request', async () => {
    await expect(readRequest(Readable.from([]))).rejects.toThrow(
      'no grading request came on stdin',
    );
  });

  test('refuses a terminal: the config is not for running by hand', async () => {
    const terminal = Object.assign(Readable.from([]), { isTTY: true });
    await expect(readRequest(terminal)).rejects.toThrow(/started by `pnpm lab`, not by hand/);
  });
});

describe('bin/lab.mjs', () => {
  linux.it(
    'grades with the process it started early, and leaves nothing behind',
    async () => {
      await using temp = await copyFixtureLabs(['fair']);
      const marker = randomUUID();
      const run = await runLauncher(['--root', temp.root, 'fair', '--once', '--verbose'], marker);
      expect(run.stdout).toContain('Score 0/10 · 0 of 2 exercises pass');
      expect(run.stderr).toContain('grading process: a spare started before the request');
      expect(run.code, run.stderr).toBe(1);
      await vi.waitFor(async () => expect(await processesMarked(marker)).toEqual([]), 10_000);
    },
    120_000,
  );

  linux.it(
    'a command that only looked like grading (an unknown lab) fails as usual, leaving nothing',
    async () => {
      await using temp = await copyFixtureLabs(['fair']);
      const marker = randomUUID();
      expect(mayGrade(['--root', temp.root, 'nosuchlab'])).toBe(true);
      const run = await runLauncher(['--root', temp.root, 'nosuchlab'], marker);
      expect(run.stderr).toMatch(/^pnpm lab: unknown lab "nosuchlab"/);
      expect(run.code).toBe(2);
      await vi.waitFor(async () => expect(await processesMarked(marker)).toEqual([]), 10_000);
    },
    120_000,
  );

  linux.it(
    'watch mode grades each save with a spare started after the last grading, and leaves nothing behind',
    async () => {
      await using temp = await copyFixtureLabs(['fair']);
      const marker = randomUUID();
      const child = spawn(
        process.execPath,
        [launcher, '--root', temp.root, 'fair', '--watch', '--verbose'],
        {
          cwd: packageDir,
          env: cliEnv({ LAB_EARLY_START_TEST: marker }),
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      const closed = once(child, 'close');
      try {
        await waitForOutput(child, (out) => out.includes('Score 0/10'), 100_000);
        await appendFile(join(temp.labDir('fair'), 'exercises', 'shout.ts'), '\n// saved\n');
        await waitForOutput(child, (out) => out.includes('re-graded 1 of 2'), 100_000);
        // The first grading took the process bin/lab.mjs started; the re-grading, the spare.
        expect(stderr.match(/grading process: a spare started before the request/g)).toHaveLength(
          2,
        );
      } finally {
        child.kill('SIGTERM');
        await closed;
      }
      // The spare started after the re-grading went with watch mode.
      await vi.waitFor(async () => expect(await processesMarked(marker)).toEqual([]), 10_000);
    },
    240_000,
  );

  test('`pnpm lab list` (and `pnpm lab --root DIR`) start no grading process', async () => {
    await using temp = await copyFixtureLabs(['fair']);
    for (const args of [['list'], []]) {
      const run = await runNode(
        ['--import', spawnProbe, launcher, '--root', temp.root, ...args],
        randomUUID(),
      );
      expect(run.stdout).toContain('fair');
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).not.toContain('spawn-probe:');
    }
    // The probe does see an early start where there is one.
    const grading = await runNode(
      ['--import', spawnProbe, launcher, '--root', temp.root, 'fair', '--once'],
      randomUUID(),
    );
    expect(grading.stderr).toMatch(/spawn-probe: \S+ \S+vitest\.mjs run --config /);
  }, 120_000);
});

describe('grading-config.ts', () => {
  test('waits for its request in its config function, after vite has deleted its bundled copy', async () => {
    // vite writes a bundled copy of a config file to node_modules/.vite-temp, imports it and
    // deletes it, and only then calls a config function. A config that awaited its request at
    // its top level kept that copy while it waited: every spare killed while waiting (the last
    // one of each watch session) left one behind, 83 KB each.
    // (Were it still awaiting at its top level, this import would wait for stdin: a timeout.)
    const config = await import('../src/grade/grading-config.ts');
    expect(typeof config.default).toBe('function');
  });
});

describe('startEarly', () => {
  linux.it(
    'an early process nobody takes keeps nothing alive and ends with its parent',
    async () => {
      const marker = randomUUID();
      const run = await runNode([parent], marker);
      expect(run.code, run.stderr).toBe(0);
      const children = run.stdout.trim().split('\n').filter(Boolean).map(Number);
      expect(children).toHaveLength(1);
      await vi.waitFor(async () => expect(await processesMarked(marker)).toEqual([]), 10_000);
    },
    120_000,
  );
});

// Runs `node bin/lab.mjs …` as `pnpm lab` does, with a marker in its environment that the
// grading process inherits.
function runLauncher(args: readonly string[], marker: string): Promise<CliRun> {
  return runNode([launcher, ...args], marker);
}

function runNode(args: readonly string[], marker: string): Promise<CliRun> {
  const child = spawn(process.execPath, args, {
    cwd: packageDir,
    env: cliEnv({ LAB_EARLY_START_TEST: marker }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return collect(child, `node ${args.join(' ')}`, 100_000);
}

/** Pids of live processes whose environment holds the marker (Linux: /proc/<pid>/environ). */
async function processesMarked(marker: string): Promise<number[]> {
  const found: number[] = [];
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const environ = await readFile(`/proc/${name}/environ`, 'utf8').catch(() => '');
    if (environ.includes(`LAB_EARLY_START_TEST=${marker}`)) found.push(Number(name));
  }
  return found;
}
