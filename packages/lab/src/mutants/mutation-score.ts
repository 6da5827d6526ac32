// Scores a StrykerJS run per exercise, pure: killed / (total − listed equivalents), where a
// timeout counts as killed (the mutant hung a test: it was noticed), a mutant no test reaches
// counts as survived, and mutants that do not compile or run count for nothing (as Stryker does).
import type { Equivalent } from './equivalents.ts';

/** One Stryker mutant, as `pnpm lab mutate` keeps it. */
export interface StrykerMutant {
  /** Relative to the lab folder. */
  readonly file: string;
  readonly mutator: string;
  readonly original: string;
  readonly replacement: string;
  /** Stryker's status: Killed, Survived, NoCoverage, Timeout, CompileError, RuntimeError, Ignored. */
  readonly status: string;
  readonly line: number;
}

export interface ExerciseMutation {
  readonly exercise: string;
  /** The solution Stryker mutated. */
  readonly file: string;
  readonly killed: number;
  /** Killed, survived and equivalent together. */
  readonly total: number;
  readonly equivalent: number;
  /** Survivors not listed as equivalent: each needs a test, or an entry with its reason. */
  readonly unexplained: readonly StrykerMutant[];
  /** killed / (total − equivalent), from 0 to 1; 1 when nothing is left to kill. */
  readonly score: number;
}

const KILLED = new Set(['Killed', 'Timeout']);
const SURVIVED = new Set(['Survived', 'NoCoverage']);

/**
 * @example
 * isEquivalent(mutant, equivalents); // true when an entry names its file, mutator, original and replacement
 */
export function isEquivalent(mutant: StrykerMutant, equivalents: readonly Equivalent[]): boolean {
  return equivalents.some(
    (e) =>
      e.file === mutant.file &&
      e.mutator === mutant.mutator &&
      e.original === mutant.original &&
      e.replacement === mutant.replacement,
  );
}

/**
 * The score of each exercise whose solution Stryker mutated.
 * @example
 * scoreMutation(mutants, equivalents, [{ id: 'getfqdn', file: 'solutions/getfqdn.ts' }])[0].score; // 0.95
 */
export function scoreMutation(
  mutants: readonly StrykerMutant[],
  equivalents: readonly Equivalent[],
  exercises: readonly { readonly id: string; readonly file: string }[],
): ExerciseMutation[] {
  return exercises.map(({ id, file }) => {
    const own = mutants.filter((m) => m.file === file);
    const killed = own.filter((m) => KILLED.has(m.status)).length;
    const survivors = own.filter((m) => SURVIVED.has(m.status));
    const unexplained = survivors.filter((m) => !isEquivalent(m, equivalents));
    const equivalent = survivors.length - unexplained.length;
    const total = killed + survivors.length;
    const scored = total - equivalent;
    return {
      exercise: id,
      file,
      killed,
      total,
      equivalent,
      unexplained,
      score: scored === 0 ? 1 : killed / scored,
    };
  });
}

/**
 * Entries of the equivalents file that match no surviving mutant of this run (the code or the
 * tests changed): stale, to be removed.
 * @example
 * staleEquivalents(mutants, equivalents, ['solutions/getfqdn.ts']); // []
 */
export function staleEquivalents(
  mutants: readonly StrykerMutant[],
  equivalents: readonly Equivalent[],
  files: readonly string[],
): Equivalent[] {
  const survivors = mutants.filter((m) => SURVIVED.has(m.status));
  return equivalents.filter(
    (e) => files.includes(e.file) && !survivors.some((m) => isEquivalent(m, [e])),
  );
}

/**
 * The mutants of Stryker's JSON report (mutation-testing-report-schema), files relative to the
 * lab folder, each with the code it replaced.
 * @example
 * mutantsFromReport(JSON.parse(readFileSync('.lab/mutation.json', 'utf8')));
 */
export function mutantsFromReport(report: StrykerReport): StrykerMutant[] {
  return Object.entries(report.files).flatMap(([file, { source, mutants }]) => {
    const lines = source.split('\n');
    return mutants.map((m) => ({
      file: file.split('\\').join('/'),
      mutator: m.mutatorName,
      original: sliceLocation(lines, m.location),
      replacement: m.replacement ?? '',
      status: m.status,
      line: m.location.start.line,
    }));
  });
}

/** The parts of Stryker's JSON report read here. Lines and columns count from 1. */
export interface StrykerReport {
  readonly files: Readonly<
    Record<
      string,
      {
        readonly source: string;
        readonly mutants: readonly {
          readonly mutatorName: string;
          readonly replacement?: string;
          readonly status: string;
          readonly location: { start: Position; end: Position };
        }[];
      }
    >
  >;
}

interface Position {
  readonly line: number;
  readonly column: number;
}

function sliceLocation(
  lines: readonly string[],
  { start, end }: { start: Position; end: Position },
) {
  if (start.line === end.line) {
    return (lines[start.line - 1] ?? '').slice(start.column - 1, end.column - 1);
  }
  const first = (lines[start.line - 1] ?? '').slice(start.column - 1);
  const middle = lines.slice(start.line, end.line - 1);
  const last = (lines[end.line - 1] ?? '').slice(0, end.column - 1);
  return [first, ...middle, last].join('\n');
}
