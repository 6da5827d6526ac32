// The README must not lie: its example is examples/tour.ts, word for word, and it runs.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { expectUsageLine } from '../src/examples/bad-command-lines.ts';
import { runExample } from '../src/index.ts';

const tour = fileURLToPath(new URL('../examples/tour.ts', import.meta.url));

describe('README', () => {
  it('shows examples/tour.ts exactly as the file is', async () => {
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
    const block = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBe(await readFile(tour, 'utf8'));
  });

  // One Node start with tsx (1-3 s on a busy machine) and a 300 ms connect timeout.
  it('the tour runs and prints what its comments say', { timeout: 30_000 }, async () => {
    const run = await runExample(tour, [], { timeoutMs: 25_000 });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(
      '200 hello\nnode\nconnect timed out after 300 ms, as it would against a firewalled port\n',
    );
    expect(run.code).toBe(0);
  });

  it('the tour refuses an argument in one line, exit 2', { timeout: 30_000 }, async () => {
    const run = await runExample(tour, ['--port', '8080'], { timeoutMs: 25_000 });
    expectUsageLine(run, 'tour.ts takes no arguments, got "--port"');
  });
});
