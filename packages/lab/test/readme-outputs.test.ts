// The README's outputs of the course's labs are recordings of real runs (outputs/readme/, by
// `pnpm --filter @netprog/lab docs:record`), copied in by `generate`: none is typed or left to
// go stale. (It went stale before: lab 4 grew a fifth exercise and lab 3 new tests, and the
// README still showed the old counts.)
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { recordedBlocks, shownPart, spliceRecordings } from '../scripts/readme-recordings.ts';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const read = (file: string) => readFileSync(`${packageDir}${file}`, 'utf8');
const readme = read('README.md');

describe('README.md', () => {
  const blocks = recordedBlocks(readme);

  test.each(blocks.map((b) => [b.file, b] as const))('shows %s as recorded', (_, block) => {
    expect(block.shown, 'run `pnpm --filter @netprog/lab generate`').toBe(
      shownPart(read(block.file), block.from),
    );
  });

  test('shows every recording of outputs/readme/', () => {
    const recorded = readdirSync(`${packageDir}outputs/readme`).map((f) => `outputs/readme/${f}`);
    const shown = blocks.map((b) => b.file).filter((f) => f.startsWith('outputs/readme/'));
    expect(shown.sort()).toEqual(recorded.sort());
  });
});

test('a block is its recording without the command line, from the line asked for', () => {
  const text = '# A\n\n<!-- recorded: r.txt from "Every lab" -->\n```text\nold\n```\n';
  const recording = '$ pnpm lab grade-all\nlab 1\nEvery lab\nTotal 3/3\n';
  expect(spliceRecordings(text, () => recording)).toBe(
    '# A\n\n<!-- recorded: r.txt from "Every lab" -->\n```text\nEvery lab\nTotal 3/3\n```\n',
  );
  expect(() => shownPart(recording, 'Total')).toThrow('the recording has no line "Total"');
  expect(() => recordedBlocks('<!-- recorded: r.txt -->\nno block\n')).toThrow(
    "README line 1: r.txt's marker must be followed by a ```text block",
  );
});
