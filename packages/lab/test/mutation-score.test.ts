// `pnpm lab mutate`'s arithmetic and bookkeeping: scores per exercise from Stryker's report,
// equivalents left out, survivors named; and the lab put back after Stryker wrote in place.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { exerciseCheck } from '../src/commands/mutate.ts';
import { restoreLeftBackup, snapshotLab } from '../src/mutants/lab-snapshot.ts';
import {
  mutantsFromReport,
  type StrykerMutant,
  scoreMutation,
  staleEquivalents,
} from '../src/mutants/mutation-score.ts';

const at = (line: number, from: number, to: number) => ({
  start: { line, column: from },
  end: { line, column: to },
});

test("Stryker's report becomes mutants with the code they replaced", () => {
  const mutants = mutantsFromReport({
    files: {
      'solutions/a.ts': {
        source: 'export const f = (n: number) =>\n  n > 0 ? n : -n;\n',
        mutants: [
          {
            mutatorName: 'EqualityOperator',
            replacement: 'n >= 0',
            status: 'Survived',
            location: at(2, 3, 8),
          },
          {
            mutatorName: 'UnaryOperator',
            replacement: '+n',
            status: 'Killed',
            location: at(2, 15, 17),
          },
        ],
      },
    },
  });
  expect(mutants).toEqual([
    {
      file: 'solutions/a.ts',
      mutator: 'EqualityOperator',
      original: 'n > 0',
      replacement: 'n >= 0',
      status: 'Survived',
      line: 2,
    },
    {
      file: 'solutions/a.ts',
      mutator: 'UnaryOperator',
      original: '-n',
      replacement: '+n',
      status: 'Killed',
      line: 2,
    },
  ]);
});

const mutant = (status: string, original = 'x'): StrykerMutant => ({
  file: 'solutions/a.ts',
  mutator: 'M',
  original,
  replacement: 'y',
  status,
  line: 1,
});
const equivalent = {
  file: 'solutions/a.ts',
  mutator: 'M',
  original: 'eq',
  replacement: 'y',
  reason: 'r',
};
const exercises = [{ id: 'a', file: 'solutions/a.ts' }];

test('killed / (total − equivalent): timeouts kill, uncovered survive, broken ones do not count', () => {
  const mutants = [
    ...Array.from({ length: 8 }, () => mutant('Killed')),
    mutant('Timeout'),
    mutant('NoCoverage'),
    mutant('Survived', 'eq'),
    mutant('CompileError'),
    mutant('RuntimeError'),
  ];
  const [score] = scoreMutation(mutants, [equivalent], exercises);
  expect(score).toMatchObject({ killed: 9, total: 11, equivalent: 1, score: 0.9 });
  expect(score?.unexplained).toEqual([mutant('NoCoverage')]);
  const check = exerciseCheck(score ?? expect.fail('no score'));
  expect(check.label).toBe('a: 90.0% (9 of 10 killed, 1 equivalent)');
  expect(check.problems).toEqual([
    'solutions/a.ts:1 M `x` → `y` is reached by no test: add a test that kills it, or list it in mutants/equivalent.json with the reason no test can',
  ]);
});

test('below 90% is a problem; an entry that matches no survivor is stale', () => {
  const [score] = scoreMutation([mutant('Killed'), mutant('Survived')], [], exercises);
  expect(exerciseCheck(score ?? expect.fail('no score')).problems[0]).toBe('50.0% is below 90%');
  expect(staleEquivalents([mutant('Killed', 'eq')], [equivalent], ['solutions/a.ts'])).toEqual([
    equivalent,
  ]);
  expect(staleEquivalents([mutant('Survived', 'eq')], [equivalent], ['solutions/a.ts'])).toEqual(
    [],
  );
});

test('the lab is put back after an in-place run, and by the next run after a kill', async () => {
  const lab = await mkdtemp(join(tmpdir(), 'netprog-snapshot-'));
  try {
    await mkdir(join(lab, 'solutions'));
    await writeFile(join(lab, 'solutions/a.ts'), 'original');
    const backup = join(lab, '.lab/mutate-backup');
    const snapshot = await snapshotLab(lab, backup);
    await writeFile(join(lab, 'solutions/a.ts'), 'mutated');
    await writeFile(join(lab, 'stryker-setup-0.js'), 'litter');
    // A run killed outright never restores: the next one finds the backup.
    expect(await restoreLeftBackup(lab, backup)).toEqual([
      'solutions/a.ts',
      'stryker-setup-0.js (removed)',
    ]);
    expect(await readFile(join(lab, 'solutions/a.ts'), 'utf8')).toBe('original');
    await writeFile(join(lab, 'solutions/a.ts'), 'mutated again');
    expect(await snapshot.restore()).toEqual(['solutions/a.ts']);
    expect(await readFile(join(lab, 'solutions/a.ts'), 'utf8')).toBe('original');
    expect(await restoreLeftBackup(lab, backup)).toEqual([]);
  } finally {
    await rm(lab, { recursive: true, force: true });
  }
});
