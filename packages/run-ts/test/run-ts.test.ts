import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { RUN_TS } from '../src/index.mjs';
import { CACHE_DIR, cacheKey } from '../src/transform.mjs';

const run = promisify(execFile);
/** The version of esbuild the loader runs, part of every cache key. */
const esbuildVersion = (): string =>
  (createRequire(import.meta.url)('esbuild/package.json') as { version: string }).version;
const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

/** Runs a file with Node's flags, resolving with what it printed (and its exit code). */
async function node(flags: readonly string[], file: string) {
  try {
    const { stdout, stderr } = await run(process.execPath, [...flags, file], { timeout: 20_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('@netprog/run-ts', () => {
  it('runs every kind of TypeScript the course writes, printing what tsx prints', async () => {
    const [ours, tsx] = await Promise.all([
      node(RUN_TS, fixture('features.ts')),
      node(['--import', 'tsx'], fixture('features.ts')),
    ]);
    expect(ours.stdout).toBe(
      [
        'inside the block',
        'disposed r',
        'Counter Counter 4 1',
        '4 a undefined 42 helper.mjs',
        'true',
        'resource next',
        '',
      ].join('\n'),
    );
    expect(ours).toEqual(tsx);
  });

  it("puts an error's stack trace on the line of the .ts file", async () => {
    const { code, stderr } = await node(RUN_TS, fixture('throws.ts'));
    expect(code).toBe(1);
    expect(stderr).toContain('Error: thrown on line 4');
    expect(stderr).toContain(`${fixture('throws.ts')}:4:`);
  });

  it('reads a file transformed before from the cache, not from esbuild', async () => {
    // A cache entry planted for a new file's key, with other JavaScript than the file's: what
    // runs is the cache's.
    const folder = await mkdtemp(join(tmpdir(), 'netprog-run-ts-test-'));
    try {
      const file = join(folder, 'cached.ts');
      const source = "const where: string = 'from esbuild';\nconsole.log(where);\n";
      await writeFile(file, source);
      await writeFile(join(folder, 'package.json'), '{ "type": "module" }');
      await mkdir(CACHE_DIR, { recursive: true });
      const entry = join(CACHE_DIR, `${cacheKey(file, source, esbuildVersion())}.js`);
      await writeFile(entry, "console.log('from the cache');\n");
      try {
        expect((await node(RUN_TS, file)).stdout).toBe('from the cache\n');
      } finally {
        await rm(entry, { force: true });
      }
      // Without the entry, esbuild transforms the file and writes the entry back.
      expect((await node(RUN_TS, file)).stdout).toBe('from esbuild\n');
      expect(await readFile(entry, 'utf8')).toContain('from esbuild');
      await rm(entry, { force: true });
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('keys the cache by path, source and esbuild version', () => {
    const key = cacheKey('/a.ts', 'let a = 1;', '0.28.2');
    expect(cacheKey('/b.ts', 'let a = 1;', '0.28.2')).not.toBe(key);
    expect(cacheKey('/a.ts', 'let a = 2;', '0.28.2')).not.toBe(key);
    expect(cacheKey('/a.ts', 'let a = 1;', '0.28.3')).not.toBe(key);
    expect(cacheKey('/a.ts', 'let a = 1;', '0.28.2')).toBe(key);
  });
});
