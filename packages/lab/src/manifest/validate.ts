// Checks a parsed lab.json against the one schema (schema.ts) and says precisely what is wrong,
// field by field, so an author can fix a manifest without reading the grader's code: the field
// (`exercises[1] ("connect-ex").points`), what it must be (the schema's message), and the value
// found. Pure: file existence is checked by load.ts.
import type * as z from 'zod';
import { labManifestSchema } from './schema.ts';
import type { LabManifest } from './types.ts';

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
  const parsed = labManifestSchema.safeParse(value);
  const problems = parsed.success ? [] : explain(parsed.error.issues, value);
  // The folder is not part of the file, so the schema cannot know it.
  const id = (value as { id?: unknown } | null)?.id;
  if (parsed.success && id !== folder) {
    problems.push(`id "${parsed.data.id}" must equal the lab's folder name "${folder}"`);
  }
  if (!parsed.success || problems.length > 0) return { ok: false, problems };
  return { ok: true, manifest: parsed.data };
}

type Path = readonly PropertyKey[];

// One line per problem, in the file's order, an object's unknown keys before its fields.
function explain(issues: readonly z.core.$ZodIssue[], input: unknown): string[] {
  const ordered: z.core.$ZodIssue[] = [];
  for (const issue of issues) {
    const at =
      issue.code === 'unrecognized_keys'
        ? ordered.findIndex((other) => startsWith(other.path, issue.path))
        : -1;
    if (at === -1) ordered.push(issue);
    else ordered.splice(at, 0, issue);
  }
  const lines = ordered.flatMap((issue) => linesOf(issue, input));
  return [...new Set(lines)];
}

function linesOf(issue: z.core.$ZodIssue, input: unknown): string[] {
  if (issue.code === 'unrecognized_keys') {
    const where = label(issue.path, input);
    const known = Object.keys(shapeAt(issue.path));
    return issue.keys.map((key) => {
      const near = known.find((k) => closeEnough(k, key));
      return `${where ? `${where}: ` : ''}unknown key "${key}"${near ? ` (did you mean "${near}"?)` : ''}`;
    });
  }
  if (issue.code === 'custom' && issue.params?.sentence === true) return [issue.message];
  if (issue.code === 'invalid_key') {
    const [record, key] = issue.path;
    return issue.issues.map((inner) => `${String(record)} key "${String(key)}" ${inner.message}`);
  }
  // A problem inside a list of strings (hints[2]) is the list's: say it of the field.
  const path = fieldPath(issue.path);
  const where = label(path, input);
  return [`${where ? `${where} ` : ''}${issue.message}, got ${describe(valueAt(input, path))}`];
}

// Top-level fields, a hash's entry (`testHashes["tests/a.test.ts"]`) and an exercise's fields
// are reported as themselves; anything deeper belongs to its field.
function fieldPath(path: Path): Path {
  return path[0] === 'exercises' ? path.slice(0, 3) : path.slice(0, 2);
}

// `exercises[0] ("connect").points`, `testHashes["tests/a.test.ts"]`, `chapter`.
function label(path: Path, input: unknown): string {
  let text = '';
  path.forEach((part, index) => {
    if (typeof part === 'number') {
      const id = (valueAt(input, [...path.slice(0, index), part, 'id']) as unknown) ?? undefined;
      text += `[${part}]${path[index - 1] === 'exercises' && typeof id === 'string' ? ` ("${id}")` : ''}`;
    } else if (index > 0 && typeof path[index - 1] === 'string' && path[0] !== 'exercises') {
      text += `[${JSON.stringify(part)}]`;
    } else {
      text += index === 0 ? String(part) : `.${String(part)}`;
    }
  });
  return text;
}

function valueAt(input: unknown, path: Path): unknown {
  let value = input;
  for (const part of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[part];
  }
  return value;
}

function startsWith(path: Path, prefix: Path): boolean {
  return prefix.every((part, index) => path[index] === part);
}

// The keys the object at `path` may have: the lab's, or an exercise's.
function shapeAt(path: Path): Record<string, unknown> {
  const lab = labManifestSchema.shape;
  return path.length === 0 ? lab : lab.exercises.element.shape;
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
