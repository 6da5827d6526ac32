import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, test } from 'vitest';
import { JSON_SCHEMA_FILE, labJsonSchema } from '../src/manifest/schema.ts';
import { validateManifest } from '../src/manifest/validate.ts';

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

  test('every other kind of mistake, from the one schema', () => {
    const [exercise] = good.exercises;
    expect(problems([])).toEqual(['the top level must be an object, got an array of 0']);
    expect(problems({ ...good, exercises: [] })).toEqual([
      'exercises must be a non-empty array, got an array of 0',
    ]);
    expect(problems({ ...good, exercises: [{ ...exercise, hints: ['a', ' '] }] })).toEqual([
      'exercises[0] ("connect").hints must be an array of non-empty strings (may be []), got an array of 2',
    ]);
    expect(problems({ ...good, exercises: ['x'] })).toEqual([
      'exercises[0] must be an object, got "x"',
    ]);
    expect(problems({ ...good, alias: ['3'], title: ' ' })).toEqual([
      'unknown key "alias" (did you mean "aliases"?)',
      'title must be a non-empty string, got " "',
    ]);
    expect(
      problems({
        ...good,
        testHashes: { '../x.ts': `sha256-${'a'.repeat(64)}` },
        starterHashes: { 'src/x.ts': `sha256-${'a'.repeat(64)}` },
      }),
    ).toEqual([
      'testHashes key "../x.ts" must be a path inside the lab folder',
      'starterHashes key "src/x.ts" must be a starter path like "exercises/name.ts"',
    ]);
    expect(problems({ ...good, exercises: [{ ...exercise, test: 'tests/../x.test.ts' }] })).toEqual(
      [
        'exercises[0] ("connect").test must look like "tests/name.test.ts", got "tests/../x.test.ts"',
      ],
    );
  });

  test('every lab of the course is valid', async () => {
    const labs = new URL('../../../labs/', import.meta.url);
    for (const name of await readdir(labs)) {
      const text = await readFile(new URL(`${name}/lab.json`, labs), 'utf8').catch(() => undefined);
      if (text === undefined) continue;
      expect(problems(JSON.parse(text), name), name).toEqual([]);
    }
  });

  test('lab.schema.json, for editors, is the one the schema writes', async () => {
    const written = await readFile(new URL(`../${JSON_SCHEMA_FILE}`, import.meta.url), 'utf8');
    expect(written, 'run `pnpm --filter @netprog/lab generate`').toBe(labJsonSchema());
    const schema = JSON.parse(written);
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['id', 'chapter', 'exercises', 'testHashes', 'starterHashes']),
    );
    expect(schema.$defs.exercise.required).toEqual([
      'id',
      'title',
      'file',
      'test',
      'points',
      'hints',
    ]);
  });
});
