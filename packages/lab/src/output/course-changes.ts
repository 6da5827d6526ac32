// After an export: the course version it stamped and, over an earlier copy (--force), which labs
// changed since the version that copy came from. Pure.
import { type CourseStamp, compareStamps } from '../export/course-stamp.ts';

/**
 * The lines that end the export's report.
 * @example
 * formatCourseChanges(undefined, stamp, false); // '\nCourse version 1.0.0, stamped in netprog-class.json\n'
 */
export function formatCourseChanges(
  earlier: CourseStamp | 'unstamped' | undefined,
  now: CourseStamp,
  bundle: boolean,
): string {
  const where = bundle ? 'course/netprog-class.json' : 'netprog-class.json';
  const lines = ['', `Course version ${now.version}, stamped in ${where}`];
  if (earlier === 'unstamped') {
    lines.push(
      'The copy this replaced records no course version (exported before versions were stamped): review `git diff` to see what changed.',
    );
  } else if (earlier !== undefined) {
    const from = `${earlier.version} (${earlier.commit.slice(0, 10)})`;
    const to = `${now.version} (${now.commit.slice(0, 10)})`;
    lines.push(
      `Changes since the copy's course version, ${from} → ${to}:`,
      ...compareStamps(earlier, now).map((line) => `  ${line}`),
    );
  }
  return `${lines.join('\n')}\n`;
}
