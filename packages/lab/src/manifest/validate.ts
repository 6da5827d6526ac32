// Checks the shape of a parsed lab.json and says precisely what is wrong, field by field, so an
// author can fix a manifest without reading the grader's code. Pure: file existence is checked
// by load.ts.
import type { LabManifest } from './types.ts';

const LAB_KEYS = [
  '$schema',
  'id',
  'chapter',
  'title',
  'aliases',
  'exercises',
  'testHashes',
  'starterHashes',
] as const;
const EXERCISE_KEYS = ['id', 'title', 'file', 'test', 'points', 'timeoutMs', 'hints'] as const;

/** The keys lab.json may use; lab.schema.json must list the same (a test checks it). */
export const manifestKeys = { lab: LAB_KEYS, exercise: EXERCISE_KEYS } as const;

const ID = /^[a-z0-9][a-z0-9-]*$/;
const HASH = /^sha256-[0-9a-f]{64}$/;
const STARTER = /^exercises\/[A-Za-z0-9._/-]+\.ts$/;
const TEST = /^tests\/[A-Za-z0-9._/-]+\.test\.ts$/;
const MIN_TIMEOUT_MS = 100;
const MAX_TIMEOUT_MS = 120_000;

export type Validation =
  | { readonly ok: true; readonly manifest: LabManifest }
  | { readonly ok: false; readonly problems: readonly string[] };

/**
 * Validates a parsed lab.json. `folder` is the lab's folder name, which `id` must equal.
 * @example
 * const v = validateManifest(JSON.parse(text), 'chapter3');
 * if (!v.ok) console.error(v.problems.join('\n'));
 */
export function validateManifest(value: unknown, folder: string): Validation {
  const problems: string[] = [];
  if (!isRecord(value)) {
    return { ok: false, problems: [`the top level must be an object, got ${describe(value)}`] };
  }
  unknownKeys(value, LAB_KEYS, '', problems);
  if (!isString(value.id) || !ID.test(value.id)) {
    problems.push(`id must be a lowercase name like "chapter3", got ${describe(value.id)}`);
  } else if (value.id !== folder) {
    problems.push(`id "${value.id}" must equal the lab's folder name "${folder}"`);
  }
  if (!isPositiveInteger(value.chapter)) {
    problems.push(`chapter must be a positive integer, got ${describe(value.chapter)}`);
  }
  if (!isNonEmptyString(value.title)) {
    problems.push(`title must be a non-empty string, got ${describe(value.title)}`);
  }
  if (value.aliases !== undefined && !isStringArray(value.aliases)) {
    problems.push(`aliases must be an array of strings, got ${describe(value.aliases)}`);
  }
  if (!Array.isArray(value.exercises) || value.exercises.length === 0) {
    problems.push(`exercises must be a non-empty array, got ${describe(value.exercises)}`);
  } else {
    value.exercises.forEach((exercise, index) => {
      validateExercise(exercise, `exercises[${index}]`, problems);
    });
    duplicates(value.exercises, 'id', problems);
    duplicates(value.exercises, 'file', problems);
    duplicates(value.exercises, 'test', problems);
  }
  // Missing hashes are not a shape error: the integrity check reports them (see hash.ts), and
  // `rehash` must be able to load a new lab that has none yet.
  if (value.testHashes !== undefined) {
    validateHashes(value.testHashes, 'testHashes', undefined, problems);
  }
  if (value.starterHashes !== undefined) {
    validateHashes(value.starterHashes, 'starterHashes', STARTER, problems);
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    manifest: {
      ...(value as unknown as LabManifest),
      aliases: (value.aliases as string[] | undefined) ?? [],
      testHashes: (value.testHashes as Record<string, string> | undefined) ?? {},
    },
  };
}

function validateExercise(value: unknown, where: string, problems: string[]): void {
  if (!isRecord(value)) {
    problems.push(`${where} must be an object, got ${describe(value)}`);
    return;
  }
  const label = isString(value.id) ? `${where} ("${value.id}")` : where;
  unknownKeys(value, EXERCISE_KEYS, label, problems);
  if (!isString(value.id) || !ID.test(value.id)) {
    problems.push(`${label}.id must be a lowercase kebab-case name, got ${describe(value.id)}`);
  }
  if (!isNonEmptyString(value.title)) {
    problems.push(`${label}.title must be a non-empty string, got ${describe(value.title)}`);
  }
  if (!isString(value.file) || !STARTER.test(value.file) || value.file.includes('..')) {
    problems.push(`${label}.file must look like "exercises/name.ts", got ${describe(value.file)}`);
  }
  if (!isString(value.test) || !TEST.test(value.test) || value.test.includes('..')) {
    problems.push(`${label}.test must look like "tests/name.test.ts", got ${describe(value.test)}`);
  }
  if (!isPositiveInteger(value.points)) {
    problems.push(`${label}.points must be a positive integer, got ${describe(value.points)}`);
  }
  if (
    value.timeoutMs !== undefined &&
    (!isPositiveInteger(value.timeoutMs) ||
      value.timeoutMs < MIN_TIMEOUT_MS ||
      value.timeoutMs > MAX_TIMEOUT_MS)
  ) {
    problems.push(
      `${label}.timeoutMs must be an integer from ${MIN_TIMEOUT_MS} to ${MAX_TIMEOUT_MS} (milliseconds), got ${describe(value.timeoutMs)}`,
    );
  }
  if (!isStringArray(value.hints) || value.hints.some((hint) => hint.trim() === '')) {
    problems.push(
      `${label}.hints must be an array of non-empty strings (may be []), got ${describe(value.hints)}`,
    );
  }
}

// testHashes may also protect helper files next to the tests; starterHashes only name starters.
function validateHashes(
  value: unknown,
  key: string,
  path: RegExp | undefined,
  problems: string[],
): void {
  if (!isRecord(value)) {
    problems.push(`${key} must be an object of "path": "sha256-<hex>", got ${describe(value)}`);
    return;
  }
  for (const [file, hash] of Object.entries(value)) {
    if (path && !path.test(file)) {
      problems.push(`${key} key "${file}" must be a starter path like "exercises/name.ts"`);
    }
    if (file.includes('..') || file.startsWith('/')) {
      problems.push(`${key} key "${file}" must be a path inside the lab folder`);
    }
    if (!isString(hash) || !HASH.test(hash)) {
      problems.push(`${key}["${file}"] must be "sha256-" and 64 hex digits, got ${describe(hash)}`);
    }
  }
}

function unknownKeys(
  value: Record<string, unknown>,
  known: readonly string[],
  where: string,
  problems: string[],
): void {
  for (const key of Object.keys(value)) {
    if (known.includes(key)) continue;
    const near = known.find((k) => closeEnough(k, key));
    const at = where ? `${where}: ` : '';
    problems.push(`${at}unknown key "${key}"${near ? ` (did you mean "${near}"?)` : ''}`);
  }
}

function duplicates(items: unknown[], key: 'id' | 'file' | 'test', problems: string[]): void {
  const seen = new Set<unknown>();
  for (const item of items) {
    if (!isRecord(item) || item[key] === undefined) continue;
    if (seen.has(item[key])) {
      problems.push(
        `two exercises share ${key} ${describe(item[key])}; each exercise needs its own`,
      );
    }
    seen.add(item[key]);
  }
}

// Catches the usual typos ("hint" for "hints", "timeout" for "timeoutMs") without a full edit distance.
function closeEnough(known: string, typed: string): boolean {
  const a = known.toLowerCase();
  const b = typed.toLowerCase();
  return a !== b && (a.startsWith(b) || b.startsWith(a));
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'object') return 'an object';
  return `${String(value)} (a ${typeof value})`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function isString(value: unknown): value is string {
  return typeof value === 'string';
}
function isNonEmptyString(value: unknown): value is string {
  return isString(value) && value.trim() !== '';
}
function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every(isString);
}
function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0;
}
