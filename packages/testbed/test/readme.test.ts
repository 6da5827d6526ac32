// The README must not lie: its examples are examples/tour.ts and examples/wire.ts, word for word,
// they run, and they print what the README says (the wire example with times and ports masked).
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { expectUsageLine } from '../src/examples/bad-command-lines.ts';
import { runExample } from '../src/index.ts';

const tour = fileURLToPath(new URL('../examples/tour.ts', import.meta.url));
const wire = fileURLToPath(new URL('../examples/wire.ts', import.meta.url));

/** The README's fenced blocks of one language, in order. */
async function blocks(language: string): Promise<string[]> {
  const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
  return [...readme.matchAll(new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\`\`\``, 'g'))].map(
    (match) => match[1] ?? '',
  );
}

/**
 * The words of a wire printout: times, ports and the cut of long quoted bytes masked, and all
 * whitespace collapsed, since the time column's width moves the cuts and the wraps from run to
 * run. FIN_WAIT2 and FIN_WAIT1 (a moment before the ACK) count as one.
 */
function words(text: string): string {
  return text
    .replace(/[+-]\d+\.\d ms/g, '+T ms')
    .replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT')
    .replace(/"(?:[^"\\]|\\.)*"…/g, '"…"…')
    .replace(/FIN_WAIT[12]/g, 'FIN_WAIT')
    .replace(/\s+/g, ' ')
    .trim();
}

describe('README', () => {
  it('shows examples/tour.ts exactly as the file is', async () => {
    expect((await blocks('ts'))[0]).toBe(await readFile(tour, 'utf8'));
  });

  it('shows examples/wire.ts exactly as the file is', async () => {
    const shown = (await blocks('ts')).find((block) => block.includes('examples/wire.ts'));
    expect(shown).toBe(await readFile(wire, 'utf8'));
  });

  it('the wire example prints what the README shows', { timeout: 30_000 }, async () => {
    const run = await runExample(wire, [], { timeoutMs: 25_000 });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const shown = (await blocks('text')).find((block) => block.startsWith('wire ('));
    expect(words(run.stdout)).toBe(words(shown ?? ''));
  });

  // One Node start (seconds on a busy machine) and a 300 ms connect timeout.
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
