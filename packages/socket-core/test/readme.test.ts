// The README must not lie: its example runs as printed, and its numbers match the code.
import { readFile, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { runExample } from '@netprog/testbed';
import { describe, expect, it } from 'vitest';
import { errnoReference } from '../src/index.ts';

const readmeUrl = new URL('../README.md', import.meta.url);

describe('README', () => {
  // A fresh Node process takes up to seconds to start, and far longer on an overloaded machine.
  it('the echo example runs as it stands and prints what the README says', {
    timeout: 30_000,
  }, async () => {
    const readme = await readFile(readmeUrl, 'utf8');
    const code = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(code).toBeDefined();
    // Written next to the package's package.json so that '@netprog/socket-core' resolves.
    const file = fileURLToPath(new URL(`../.readme-example-${process.pid}.ts`, import.meta.url));
    await writeFile(file, code ?? '');
    try {
      const run = await runExample(file, [], { timeoutMs: 25_000 });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(
        /^<socket fd=\d+ family=AF_INET type=SOCK_STREAM laddr=\('127\.0\.0\.1', \d+\) raddr=\('127\.0\.0\.1', \d+\)>\nechoed hello to 127\.0\.0\.1:\d+\n$/,
      );
    } finally {
      await rm(file, { force: true });
    }
  });

  it('counts the errno reference rows correctly', async () => {
    const readme = await readFile(readmeUrl, 'utf8');
    expect(readme).toContain(`(${errnoReference.length} rows in the code:`);
  });
});
