// What every grading of the student's exercises leaves behind, whichever command graded: the
// progress `pnpm lab` lists, and a copy of each starter still untouched (for `reset`). The
// exercise files are hashed once here, for both.

import type { Lab } from '../manifest/types.ts';
import { exerciseHashes, recordGrade } from '../state/progress.ts';
import { snapshotStarters } from '../state/starters.ts';
import type { Graded } from './grade-lab.ts';

/**
 * Records a grading. Gradings of the solutions are not progress and leave nothing.
 * @example
 * await afterGrading(lab, await gradeLab(lab, { target: 'exercises', env: context.io.env }));
 */
export async function afterGrading(lab: Lab, graded: Graded): Promise<void> {
  if (graded.result.target !== 'exercises') return;
  const hashes = await exerciseHashes(lab);
  await recordGrade(lab, graded.result, hashes);
  await snapshotStarters(lab, hashes);
}
