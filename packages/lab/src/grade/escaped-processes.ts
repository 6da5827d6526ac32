// Processes a grading started that left its process group. The grader ends a grading by killing
// the grading process's group (vitest and every test process), and test processes kill the
// children exercise code starts (worker-handles.ts). A grandchild in a session of its own
// (`sh -c 'setsid helper &'`) escapes both, and would go on running as the student's user:
// rewriting the grading's results, the next lab's files, or what the CLI writes for the platform
// after it (a GitHub step's outputs). Every process of a grading inherits a mark in its
// environment (MARK_ENV in grading-process.mjs), so after the grading the grader finds the ones
// still carrying it in /proc and kills them. Linux only; a process that clears its environment
// is not found (this raises the bar; it is not a sandbox).
import { readdirSync, readFileSync } from 'node:fs';
import { MARK_ENV } from './grading-process.mjs';

/**
 * SIGKILLs every process whose environment holds MARK_ENV=`mark`, and returns their pids.
 * @example
 * killMarked(gradingMark(child)); // [48121]: a helper the exercise left running
 */
export function killMarked(mark: string | undefined): number[] {
  if (mark === undefined) return [];
  const needle = Buffer.from(`${MARK_ENV}=${mark}\0`);
  const killed: number[] = [];
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return killed; // no /proc: not Linux
  }
  for (const entry of entries) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    let environ: Buffer;
    try {
      environ = readFileSync(`/proc/${entry}/environ`);
    } catch {
      continue; // gone, or another user's
    }
    if (!environ.includes(needle)) continue;
    try {
      process.kill(pid, 'SIGKILL');
      killed.push(pid);
    } catch {
      // Gone meanwhile.
    }
  }
  return killed;
}
