import { readFile } from 'node:fs/promises';
import { describe, expect, test } from 'vitest';
import { manifestKeys, validateManifest } from '../src/manifest/validate.ts';

const good = {
  id: 'chapter3',
  chapter: 3,
  title: 'The TCP client',
  aliases: ['3', 'client'],
  exercises: [
    {
      id: 'connect',
      title: 'Connect',
      file: 'exercises/connect.ts',
      test: 'tests/connect.test.ts',
      points: 10,
      hints: ['a'],
    },
  ],
  testHashes: { 'tests/connect.test.ts': `sha256-${'a'.repeat(64)}` },
};
const problems = (value: unknown, folder = 'chapter3') => {
  const v = validateManifest(value, folder);
  return v.ok ? [] : v.problems;
};

describe('validateManifest', () => {
  test('accepts a good manifest and fills defaults', () => {
    const v = validateManifest({ ...good, aliases: undefined, testHashes: undefined }, 'chapter3');
    expect(v.ok).toBe(true);
    if (v.ok) expect(v.manifest).toMatchObject({ aliases: [], testHashes: {} });
  });

  test('says which field is wrong, with the value', () => {
    const [exercise] = good.exercises;
    expect(problems({ ...good, exercises: [{ ...exercise, points: '10' }] })).toEqual([
      'exercises[0] ("connect").points must be a positive integer, got "10"',
    ]);
    expect(problems({ ...good, exercises: [{ ...exercise, timeoutMs: 10 }] })).toEqual([
      'exercises[0] ("connect").timeoutMs must be an integer from 100 to 120000 (milliseconds), got 10 (a number)',
    ]);
    expect(problems({ ...good, exercises: [{ ...exercise, file: 'src/connect.ts' }] })).toEqual([
      'exercises[0] ("connect").file must look like "exercises/name.ts", got "src/connect.ts"',
    ]);
    expect(problems({ ...good, chapter: 0 })).toEqual([
      'chapter must be a positive integer, got 0 (a number)',
    ]);
  });

  test('suggests the right key for a typo', () => {
    const [exercise] = good.exercises;
    const { hints, ...rest } = exercise ?? {};
    expect(problems({ ...good, exercises: [{ ...rest, hint: hints }] })).toEqual([
      'exercises[0] ("connect"): unknown key "hint" (did you mean "hints"?)',
      'exercises[0] ("connect").hints must be an array of non-empty strings (may be []), got nothing',
    ]);
  });

  test('the id must match the folder; ids, files and tests must be unique', () => {
    expect(problems(good, 'chapter4')).toEqual([
      'id "chapter3" must equal the lab\'s folder name "chapter4"',
    ]);
    const [exercise] = good.exercises;
    expect(problems({ ...good, exercises: [exercise, exercise] })).toEqual([
      'two exercises share id "connect"; each exercise needs its own',
      'two exercises share file "exercises/connect.ts"; each exercise needs its own',
      'two exercises share test "tests/connect.test.ts"; each exercise needs its own',
    ]);
  });

  test('hashes must be sha256-<hex>', () => {
    expect(problems({ ...good, testHashes: { 'tests/connect.test.ts': 'md5-x' } })).toEqual([
      'testHashes["tests/connect.test.ts"] must be "sha256-" and 64 hex digits, got "md5-x"',
    ]);
  });

  test('lab.schema.json describes the same keys as the validator', async () => {
    const schema = JSON.parse(
      await readFile(new URL('../lab.schema.json', import.meta.url), 'utf8'),
    );
    expect(Object.keys(schema.properties).sort()).toEqual([...manifestKeys.lab].sort());
    expect(Object.keys(schema.$defs.exercise.properties).sort()).toEqual(
      [...manifestKeys.exercise].sort(),
    );
  });
});
