// Run: pnpm loopback:trace [folder ...]   (from the repository root)
//
// Runs each package's, chapter's and lab's test suite, and the site's, under strace (every
// process it starts, every thread) and prints one line per suite: how many connects/sends it
// made, and any to an address off this machine. Exit code 1 when a suite strayed or failed, 2 for bad input.
// Chapter 1's test/stays-on-loopback.test.ts does the same for its own suite on every test run;
// this is the check for all the others, run when something about the network changes.
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { delimiter, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runMain, UsageError } from '@netprog/cli';
import { isLinux } from '@netprog/testbed/linux-only';
import {
  offLoopback,
  straceUnavailable,
  summariseTrace,
  traceCommand,
} from '@netprog/testbed/strace';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Every folder with a vitest.config.ts under packages/, chapters/ and labs/, and docs/. */
async function allSuites(): Promise<string[]> {
  const found: string[] = [];
  for (const group of ['packages', 'chapters', 'labs']) {
    for (const entry of await readdir(join(ROOT, group), { withFileTypes: true })) {
      const folder = join(ROOT, group, entry.name);
      if (entry.isDirectory() && existsSync(join(folder, 'vitest.config.ts'))) found.push(folder);
    }
  }
  // The site's tests start Chromium, which has its own ideas about the network: trace it too.
  if (existsSync(join(ROOT, 'docs', 'vitest.config.ts'))) found.push(join(ROOT, 'docs'));
  return found;
}

/**
 * The folder's own `test` script (vitest for packages and chapters, `lab verify` for labs), run by
 * sh as pnpm would run it, but without pnpm, which may talk to its registry.
 */
async function testScript(folder: string): Promise<string> {
  const manifest = JSON.parse(await readFile(join(folder, 'package.json'), 'utf8')) as {
    scripts?: Record<string, string>;
  };
  const script = manifest.scripts?.test;
  if (script === undefined) throw new UsageError(`${folder} has no test script in package.json`);
  return script;
}

runMain(async () => {
  const given = process.argv.slice(2);
  const folders = given.length === 0 ? await allSuites() : given.map((one) => resolve(one));
  for (const folder of folders) {
    if (!existsSync(join(folder, 'vitest.config.ts'))) {
      throw new UsageError(
        `${folder} has no vitest.config.ts; give a package, chapter or lab folder`,
      );
    }
  }
  const missing = await straceUnavailable();
  // Off Linux the reason says strace needs Linux: installing it would not help.
  if (missing !== undefined) {
    throw new UsageError(
      isLinux ? `${missing}; install strace (Debian: apt-get install strace)` : missing,
    );
  }
  let failed = false;
  for (const folder of folders) {
    const started = performance.now();
    const bins = [join(folder, 'node_modules', '.bin'), join(ROOT, 'node_modules', '.bin')];
    const run = await traceCommand('sh', ['-c', await testScript(folder)], {
      cwd: folder,
      // NETPROG_TRACED: a suite's own strace check (chapter 1's) stands aside, strace cannot nest.
      env: {
        ...process.env,
        NO_COLOR: '1',
        NETPROG_TRACED: '1',
        PATH: [...bins, process.env.PATH ?? ''].join(delimiter),
      },
    });
    const seconds = ((performance.now() - started) / 1000).toFixed(0);
    const outcome = run.code === 0 ? 'tests passed' : `TESTS FAILED (exit ${run.code})`;
    console.log(
      `${relative(ROOT, folder)}: ${summariseTrace(run.destinations)}; ${outcome}, ${seconds} s`,
    );
    if (offLoopback(run.destinations).length > 0 || run.code !== 0) failed = true;
  }
  if (failed) process.exitCode = 1;
});
