// The guard patches node:net, node:dgram, node:dns, worker_threads and the tcp_wrap binding.
// Node's OTHER internal bindings (udp_wrap, cares_wrap, ...) reach the network without passing
// any of those, so no file of the course may use them: this test fails the day one does.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const FOLDERS = ['chapters', 'packages', 'labs', 'docs', 'scripts'];
const SOURCE = /\.(?:[cm]?[jt]s)$/;
/** The one binding the guard covers (guard-tcp-handle.ts). */
const GUARDED_BINDINGS = new Set(['tcp_wrap']);

async function* sourceFiles(folder: string): AsyncGenerator<string> {
  const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.') || entry.name === 'dist') {
      continue;
    }
    const path = join(folder, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(path);
    else if (SOURCE.test(entry.name)) yield path;
  }
}

describe('the doors the loopback guard leaves open', () => {
  it("no course file opens Node's internal bindings other than tcp_wrap", async () => {
    const uses: string[] = [];
    for (const folder of FOLDERS) {
      for await (const file of sourceFiles(join(ROOT, folder))) {
        const text = await readFile(file, 'utf8');
        for (const [call, name] of text.matchAll(
          /(?:binding|internalBinding)\?*\.?\(\s*['"`]([^'"`]+)['"`]/g,
        )) {
          if (!GUARDED_BINDINGS.has(name ?? '')) uses.push(`${relative(ROOT, file)}: ${call}`);
        }
      }
    }
    expect(uses).toEqual([]);
  });
});
