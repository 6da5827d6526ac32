// Which files of the course go into a class's copy (`pnpm lab export`). Pure: the commit's tree
// and the labs chosen in, the files to write and what was left out (for the report) out.
import type { TreeEntry } from './git-parse.ts';

/** Files the export writes itself; a committed file at one of these paths is replaced. */
export const GENERATED_FILES = ['netprog-class.json', '.github/workflows/grade.yml'] as const;

export interface ExportPlan {
  /** Files and symbolic links to write, in the tree's order. */
  readonly files: readonly TreeEntry[];
  /** The lab folders in the copy (those with a lab.json), sorted. */
  readonly labs: readonly string[];
  readonly leftOut: {
    /** How many files of labs/*\/solutions/ were left out. */
    readonly solutionFiles: number;
    /**
     * How many files of labs/*\/mutants/ (recorded wrong solutions, and Stryker's list of
     * equivalent mutants) and of a lab's Stryker configuration were left out: each is the
     * reference solution with one line changed, so a class copy must not hold them either.
     */
    readonly mutantFiles: number;
    /** Lab folders not chosen with --labs. */
    readonly labs: readonly string[];
    /** Whether docs/ was left out (it is when only some labs are exported). */
    readonly docs: boolean;
    /** Submodules, which an export cannot copy (their files are in another repository). */
    readonly submodules: readonly string[];
  };
}

const SOLUTIONS = /^labs\/[^/]+\/solutions\//;
// A lab's recorded mutants (labs/*/mutants/, equivalent.json included) and anything of Stryker's
// in a lab folder (its config, its sandbox, its reports), which name or copy the solutions.
const MUTANTS =
  /^labs\/[^/]+\/(?:mutants\/|\.stryker-tmp\/|reports\/mutation\/|stryker\.[^/]*$|[^/]*\.stryker\.[^/]*$)/;
const LAB_FOLDER = /^labs\/([^/]+)\//;

/**
 * Plans a class copy: every committed file, without any labs/*\/solutions/ and labs/*\/mutants/
 * (nor a lab's Stryker files); with `only` (lab
 * folder names), also without the other labs' folders and without docs/: the course site is
 * built from every lab (each lab has its page, which includes the lab's README), so it cannot
 * be built from some of them.
 * @example
 * planExport(entries, { only: ['chapter3'] }).leftOut; // { solutionFiles: 12, mutantFiles: 40, labs: ['chapter1', …], docs: true, submodules: [] }
 */
export function planExport(
  entries: readonly TreeEntry[],
  options: { readonly only?: readonly string[] } = {},
): ExportPlan {
  const only = options.only ? new Set(options.only) : undefined;
  const generated = new Set<string>(GENERATED_FILES);
  const files: TreeEntry[] = [];
  const droppedLabs = new Set<string>();
  const submodules: string[] = [];
  let solutionFiles = 0;
  let mutantFiles = 0;
  let docs = false;
  for (const entry of entries) {
    const folder = LAB_FOLDER.exec(entry.path)?.[1];
    if (entry.type === 'commit') {
      submodules.push(entry.path);
    } else if (entry.type !== 'blob' || generated.has(entry.path)) {
      // Trees do not appear in a recursive listing; generated files are written afterwards.
    } else if (only && folder !== undefined && !only.has(folder)) {
      droppedLabs.add(folder);
    } else if (SOLUTIONS.test(entry.path)) {
      solutionFiles++;
    } else if (MUTANTS.test(entry.path)) {
      mutantFiles++;
    } else if (only && entry.path.startsWith('docs/')) {
      docs = true;
    } else {
      files.push(entry);
    }
  }
  const labs = files
    .map((f) => /^labs\/([^/]+)\/lab\.json$/.exec(f.path)?.[1])
    .filter((id): id is string => id !== undefined)
    .sort();
  return {
    files,
    labs,
    leftOut: { solutionFiles, mutantFiles, labs: [...droppedLabs].sort(), docs, submodules },
  };
}
