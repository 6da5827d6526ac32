// The README must not lie: its example is examples/listen.ts, word for word, and the lines shown
// under it are what it prints.
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runProgram } from './support/run-program.ts';

const example = fileURLToPath(new URL('../examples/listen.ts', import.meta.url));
const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('shows examples/listen.ts exactly as the file is', async () => {
    const block = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBe(await readFile(example, 'utf8'));
  });

  it('shows what the example prints for each bad command line', async () => {
    const shown = /```console\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    const runs = [
      ...shown.matchAll(/^\$ pnpm tsx packages\/cli\/examples\/listen\.ts (.*)\n(.*)$/gm),
    ];
    expect(runs).toHaveLength(4);
    const results = await Promise.all(
      runs.map(([, args = '']) => runProgram(example, args.split(' '))),
    );
    for (const [i, [, , line]] of runs.entries()) {
      expect(results[i]).toEqual({ code: 2, stdout: '', stderr: `${line}\n` });
    }
  }, 60_000);

  it('quotes the line for a port in use as the example prints it', async () => {
    const quoted = /`(cannot listen on 127\.0\.0\.1:8080:[^`]*)`/.exec(readme)?.[1] ?? '';
    // It only holds the port. A stray connection (another suite's port scan, run at the same
    // time) is closed at once: left alone, its reset would be an uncaught 'error'.
    const taken = net.createServer((stray) => stray.destroy()).listen(0, '127.0.0.1');
    await once(taken, 'listening');
    const { port } = taken.address() as net.AddressInfo;
    try {
      const run = await runProgram(example, ['--port', String(port)]);
      const expected = quoted.replace(/\s+/g, ' ').replace('8080', String(port));
      expect(run).toEqual({ code: 2, stdout: '', stderr: `${expected}\n` });
    } finally {
      taken.close();
    }
  }, 30_000);

  it('listens on port 0 and exits 0', async () => {
    const run = await runProgram(example, []);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^listening on 127\.0\.0\.1:[1-9]\d*\n$/);
  }, 30_000);
});
