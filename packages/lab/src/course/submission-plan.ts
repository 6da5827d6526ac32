// Which files of a student's submission are which exercises (`grade-all --submission DIR`, as the
// Gradescope bundle's run_autograder calls it). Pure: the submission's file list and the labs in,
// the copies to make and what to tell the student out. Only exercise files are ever taken: the
// graded tests, lab.json and the grader are the bundle's, whatever the submission holds.
//  - A path ending in labs/<lab>/<exercise file> (a whole repository, at the top or in one folder,
//    as GitHub and zip uploads give it) is that exercise.
//  - Otherwise a file named like exactly one exercise's file (`port-spec.ts`, uploaded alone) is
//    that exercise; a name two labs share is taken from neither, and said.
//  - An exercise the submission lacks keeps its starter (0 points), and its lab is named.

export interface PlannedLab {
  /** The lab's folder name under labs/. */
  readonly folder: string;
  /** Its exercises' files, relative to the lab folder: `exercises/port-spec.ts`. */
  readonly files: readonly string[];
}

export interface SubmissionPlan {
  /** Copy `from` (relative to the submission) over `to` (relative to the course root). */
  readonly copies: readonly { readonly from: string; readonly to: string }[];
  /** One line each, for the student: what was not taken, and which labs were graded on starters. */
  readonly notes: readonly string[];
}

/**
 * Plans the copies for a submission.
 * @example
 * planSubmission(['port-spec.ts'], [{ folder: 'chapter3', files: ['exercises/port-spec.ts'] }]);
 * // { copies: [{ from: 'port-spec.ts', to: 'labs/chapter3/exercises/port-spec.ts' }], notes: [] }
 */
export function planSubmission(
  submitted: readonly string[],
  labs: readonly PlannedLab[],
): SubmissionPlan {
  const targets = labs.flatMap((lab) =>
    lab.files.map((file) => ({ lab: lab.folder, to: `labs/${lab.folder}/${file}` })),
  );
  const chosen = new Map<string, string>();
  // Whole paths first: the most specific match wins, and the shortest path among equals (the
  // repository at the top rather than a copy of it further down).
  for (const from of [...submitted].sort((a, b) => a.length - b.length)) {
    const target = targets.find((t) => from === t.to || from.endsWith(`/${t.to}`));
    if (target && !chosen.has(target.to)) chosen.set(target.to, from);
  }
  const notes: string[] = [];
  const byName = new Map<string, typeof targets>();
  for (const target of targets) {
    const name = baseName(target.to);
    byName.set(name, [...(byName.get(name) ?? []), target]);
  }
  for (const from of submitted) {
    if (from.includes('/') || [...chosen.values()].includes(from)) continue;
    const matches = byName.get(from) ?? [];
    const [only] = matches;
    if (matches.length > 1) {
      notes.push(
        `${from}: ${matches.map((m) => m.lab).join(' and ')} both have an exercise file of that name, so it was not taken: submit it as ${matches.map((m) => m.to).join(' or ')}`,
      );
    } else if (only && !chosen.has(only.to)) chosen.set(only.to, from);
  }
  for (const lab of labs) {
    const missing = lab.files.filter((file) => !chosen.has(`labs/${lab.folder}/${file}`));
    if (missing.length === lab.files.length) {
      notes.push(
        `${lab.folder}: none of its exercise files is in the submission: its starters were graded`,
      );
    } else if (missing.length > 0) {
      notes.push(
        `${lab.folder}: not in the submission, so graded as the starter: ${missing.map(baseName).join(', ')}`,
      );
    }
  }
  const copies = targets.flatMap((t) => {
    const from = chosen.get(t.to);
    return from === undefined ? [] : [{ from, to: t.to }];
  });
  return { copies, notes };
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
