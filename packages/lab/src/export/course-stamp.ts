// What a class copy records about the course it was exported from, in netprog-class.json: the
// course version and commit, and per lab the points of each exercise and the hashes of its graded
// tests and starters (lab.json's own). `pnpm lab export --force` over an older copy compares the
// two stamps and says which labs changed (tests, starters, points), so a teacher can decide
// mid-term whether to take the update. Pure.
import { labManifestSchema } from '../manifest/schema.ts';

export interface LabStamp {
  readonly title: string;
  /** Exercise id → points, in lab.json order. */
  readonly points: Readonly<Record<string, number>>;
  /** Graded test file → hash (lab.json's testHashes). */
  readonly tests: Readonly<Record<string, string>>;
  /** Starter file → hash (lab.json's starterHashes). */
  readonly starters: Readonly<Record<string, string>>;
}

export interface CourseStamp {
  readonly version: string;
  readonly commit: string;
  /** Lab folder → its stamp. */
  readonly labs: Readonly<Record<string, LabStamp>>;
}

/**
 * The stamp of a lab from the text of its lab.json; undefined when it is not a valid lab.json.
 * @example
 * labStamp(await readFile('labs/chapter3/lab.json', 'utf8'))?.points; // { 'port-spec': 10, … }
 */
export function labStamp(labJson: string): LabStamp | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(labJson);
  } catch {
    return undefined;
  }
  const result = labManifestSchema.safeParse(parsed);
  if (!result.success) return undefined;
  const manifest = result.data;
  return {
    title: manifest.title,
    points: Object.fromEntries(manifest.exercises.map((e) => [e.id, e.points])),
    tests: manifest.testHashes,
    starters: manifest.starterHashes ?? {},
  };
}

/**
 * The stamp recorded in a netprog-class.json, if it has one (copies exported before stamps
 * existed have none).
 * @example
 * stampOf(JSON.parse(marker)); // { version: '1.0.0', commit: '…', labs: { … } }
 */
export function stampOf(marker: unknown): CourseStamp | undefined {
  if (typeof marker !== 'object' || marker === null) return undefined;
  const { course, stamps } = marker as { course?: unknown; stamps?: unknown };
  if (typeof course !== 'object' || course === null) return undefined;
  const { version, commit } = course as { version?: unknown; commit?: unknown };
  if (typeof version !== 'string' || typeof stamps !== 'object' || stamps === null) {
    return undefined;
  }
  return {
    version,
    commit: typeof commit === 'string' ? commit : '',
    labs: stamps as Record<string, LabStamp>,
  };
}

/**
 * One line per lab that changed between two stamps, then the unchanged ones.
 * @example
 * compareStamps(old, next);
 * // ['chapter3: graded tests changed (tests/port-spec.test.ts); points 100 → 110 (port-spec 10 → 20)', 'unchanged: chapter1']
 */
export function compareStamps(old: CourseStamp, next: CourseStamp): string[] {
  const lines: string[] = [];
  const unchanged: string[] = [];
  const ids = [...new Set([...Object.keys(old.labs), ...Object.keys(next.labs)])].sort();
  for (const id of ids) {
    const before = old.labs[id];
    const after = next.labs[id];
    if (!before) {
      lines.push(`${id}: new lab (${total(after?.points ?? {})} points)`);
      continue;
    }
    if (!after) {
      lines.push(`${id}: not in this export (the copy had it)`);
      continue;
    }
    const changes = [
      filesChanged('graded tests', before.tests, after.tests),
      filesChanged('starters', before.starters, after.starters),
      pointsChanged(before.points, after.points),
    ].filter((c): c is string => c !== undefined);
    if (changes.length === 0) unchanged.push(id);
    else lines.push(`${id}: ${changes.join('; ')}`);
  }
  if (unchanged.length > 0) lines.push(`unchanged: ${unchanged.join(', ')}`);
  return lines;
}

function filesChanged(
  what: string,
  before: Readonly<Record<string, string>>,
  after: Readonly<Record<string, string>>,
): string | undefined {
  const files = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  const changed = files.flatMap((file) => {
    if (before[file] === after[file]) return [];
    if (before[file] === undefined) return [`${file} new`];
    if (after[file] === undefined) return [`${file} gone`];
    return [file];
  });
  return changed.length > 0 ? `${what} changed (${changed.join(', ')})` : undefined;
}

function pointsChanged(
  before: Readonly<Record<string, number>>,
  after: Readonly<Record<string, number>>,
): string | undefined {
  const ids = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  const changed = ids.flatMap((id) => {
    if (before[id] === after[id]) return [];
    if (before[id] === undefined) return [`${id} new, ${after[id]}`];
    if (after[id] === undefined) return [`${id} gone, was ${before[id]}`];
    return [`${id} ${before[id]} → ${after[id]}`];
  });
  if (changed.length === 0) return undefined;
  return `points ${total(before)} → ${total(after)} (${changed.join(', ')})`;
}

function total(points: Readonly<Record<string, number>>): number {
  return Object.values(points).reduce((sum, p) => sum + p, 0);
}
