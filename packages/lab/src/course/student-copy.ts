// A student copy of the course (what `pnpm lab export` writes for a class) has every lab but no
// reference solutions. It says so with a file at its root, netprog-class.json, so the commands
// that need the solutions (`--solution`, `verify`) can tell a student copy, where their absence
// is the point, from a course checkout where a solution is missing by mistake.
import { access } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { LabConfigError, UsageError } from '../errors.ts';
import type { CourseStamp } from '../export/course-stamp.ts';
import { solutionFileOf } from '../manifest/load.ts';
import type { Lab } from '../manifest/types.ts';

/** The file at the root of a student copy. */
export const STUDENT_COPY_MARKER = 'netprog-class.json';

/** What netprog-class.json records (for people: the runner only checks that it exists). */
export interface StudentCopyInfo {
  /** The course commit the copy was made from. */
  readonly commit: string;
  /** The labs in the copy (folder names). */
  readonly labs: readonly string[];
  /** What the copy leaves out, in words: `labs/*\/solutions/`, `docs/`. */
  readonly leftOut: readonly string[];
  /** The files that decide grades, with their hashes (export/protected.ts). */
  readonly protected?: Readonly<Record<string, string>>;
  /** The course version and each lab's points and hashes, for the next export to compare. */
  readonly stamp?: CourseStamp;
}

/**
 * The text of netprog-class.json.
 * @example
 * studentCopyMarker({ commit: '98ad951…', labs: ['chapter3'], leftOut: ['labs/*\/solutions/'] });
 */
export function studentCopyMarker(info: StudentCopyInfo): string {
  const document = {
    about:
      'A student copy of the netprog course, written by `pnpm lab export`: the labs without their reference solutions. While this file exists, `pnpm lab` knows it is a student copy: --solution and verify need the course repository, and each lab’s test script runs `pnpm lab check`.',
    course: { commit: info.commit, ...(info.stamp ? { version: info.stamp.version } : {}) },
    labs: info.labs,
    leftOut: info.leftOut,
    ...(info.protected && {
      protected: {
        about:
          'Before grading, the class workflow (.github/workflows/grade.yml) puts every file but labs/*/exercises/ back as the commit that last wrote this file had it, then checks these hashes: grades come from the teacher’s tests, lab.json and grader, whatever a student commits.',
        files: info.protected,
      },
    }),
    ...(info.stamp ? { stamps: info.stamp.labs } : {}),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/**
 * Whether `root` is a student copy of the course.
 * @example
 * if (await isStudentCopy(context.root)) … // no solutions here
 */
export async function isStudentCopy(root: string): Promise<boolean> {
  try {
    await access(join(root, STUDENT_COPY_MARKER));
    return true;
  } catch {
    return false;
  }
}

/**
 * Makes sure the reference solutions can be graded: not in a student copy, and every solution
 * file there.
 * @param needs what needs them, with what to do instead in a student copy: for the messages
 * @throws UsageError in a student copy; LabConfigError naming the missing solution files otherwise
 * @example
 * await requireSolutions(root, lab, { what: '--solution', instead: '`pnpm lab chapter3` grades your exercises' });
 */
export async function requireSolutions(
  root: string,
  lab: Lab,
  needs: { readonly what: string; readonly instead: string },
): Promise<void> {
  if (await isStudentCopy(root)) throw studentCopyError(needs);
  const missing = await missingSolutions(lab);
  if (missing.length > 0) {
    throw new LabConfigError(
      `${needs.what} grades the reference solutions, but ${missing.map((f) => relative(root, join(lab.dir, f))).join(', ')} ${missing.length === 1 ? 'does' : 'do'} not exist: restore ${missing.length === 1 ? 'it' : 'them'} (git checkout) or write ${missing.length === 1 ? 'it' : 'them'}`,
    );
  }
}

/**
 * The one-line error for a command that needs the solutions, run in a student copy.
 * @example
 * throw studentCopyError({ what: 'verify', instead: '`pnpm lab check` checks the graded tests here' });
 */
export function studentCopyError(needs: {
  readonly what: string;
  readonly instead: string;
}): UsageError {
  return new UsageError(
    `this is a student copy of the course (${STUDENT_COPY_MARKER}), without reference solutions: ${needs.what} needs the course repository; ${needs.instead}`,
  );
}

/**
 * The solution files of a lab that do not exist, relative to the lab folder.
 * @example
 * await missingSolutions(lab); // ['solutions/shout.ts']
 */
export async function missingSolutions(lab: Lab): Promise<string[]> {
  const missing: string[] = [];
  for (const exercise of lab.manifest.exercises) {
    const file = solutionFileOf(exercise.file);
    try {
      await access(join(lab.dir, file));
    } catch {
      missing.push(file);
    }
  }
  return missing;
}
