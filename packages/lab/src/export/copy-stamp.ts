// The stamp of an export (course-stamp.ts) from the files it writes, and the stamp of the copy
// already in the target folder (read before --force deletes it).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { STUDENT_COPY_MARKER } from '../course/student-copy.ts';
import { courseVersionOf } from '../course/version.ts';
import { type CourseStamp, type LabStamp, labStamp, stampOf } from './course-stamp.ts';
import type { CopyFile } from './write-copy.ts';

/**
 * The stamp of the files being exported: the version of their package.json, each lab's lab.json.
 * @example
 * courseStampOf(files, ['chapter3'], commit).labs.chapter3?.points; // { 'port-spec': 10, … }
 */
export function courseStampOf(
  files: readonly CopyFile[],
  labs: readonly string[],
  commit: string,
): CourseStamp {
  const text = (path: string) => files.find((f) => f.path === path)?.content.toString();
  const stamps: Record<string, LabStamp> = {};
  for (const lab of labs) {
    const stamp = labStamp(text(`labs/${lab}/lab.json`) ?? '');
    if (stamp) stamps[lab] = stamp;
  }
  return { version: courseVersionOf(text('package.json') ?? ''), commit, labs: stamps };
}

/**
 * What the copy in `dir` was exported from: its stamp; 'unstamped' for a copy from before
 * stamps; undefined when `dir` holds no copy.
 * @example
 * await earlierStamp('/home/ada/net-101'); // { version: '1.0.0', … }
 */
export async function earlierStamp(dir: string): Promise<CourseStamp | 'unstamped' | undefined> {
  // A Gradescope bundle keeps the course one folder down.
  for (const path of [STUDENT_COPY_MARKER, `course/${STUDENT_COPY_MARKER}`]) {
    let text: string;
    try {
      text = await readFile(join(dir, path), 'utf8');
    } catch {
      continue;
    }
    try {
      return stampOf(JSON.parse(text)) ?? 'unstamped';
    } catch {
      return 'unstamped';
    }
  }
  return undefined;
}
