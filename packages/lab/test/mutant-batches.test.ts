// Recorded mutants are graded in batches of one per exercise, each in place of its exercise.
import { expect, test } from 'vitest';
import { substituteAliases } from '../src/grade/substitutes.ts';
import { mutantBatches } from '../src/mutants/recorded.ts';

const mutant = (exercise: string, name: string) => ({
  exercise,
  name,
  file: `mutants/${exercise}/${name}.ts`,
});

test('a batch holds at most one mutant per exercise, and every mutant is in one batch', () => {
  const mutants = [mutant('a', '1'), mutant('a', '2'), mutant('a', '3'), mutant('b', '1')];
  expect(mutantBatches(mutants)).toEqual([
    [mutant('a', '1'), mutant('b', '1')],
    [mutant('a', '2')],
    [mutant('a', '3')],
  ]);
  expect(mutantBatches([])).toEqual([]);
});

test('a substitute replaces exactly its exercise file, from a test at any depth', () => {
  const [alias] = substituteAliases('/lab', { 'exercises/a.ts': 'mutants/a/x.ts' });
  expect(alias?.replacement).toBe('/lab/mutants/a/x.ts');
  expect(alias?.find.test('../exercises/a.ts')).toBe(true);
  expect(alias?.find.test('../../exercises/a.ts')).toBe(true);
  expect(alias?.find.test('../exercises/a.tsx')).toBe(false);
  expect(alias?.find.test('../exercises/ba.ts')).toBe(false);
  expect(alias?.find.test('../exercisesXa.ts')).toBe(false);
  expect(substituteAliases('/lab')).toEqual([]);
});
