// --format: the one place that turns graded labs into the text of a machine-readable format, for
// `pnpm lab <lab>` (one lab) and `grade-all` (many).
import type { ResultFormat } from '../cli/command-types.ts';
import { readCourseVersion } from '../course/version.ts';
import type { LabResult } from '../grade/types.ts';
import { toClassroomOutputs } from './classroom.ts';
import { toGradescopeResults } from './gradescope.ts';
import { toJsonReport } from './json.ts';
import type { UngradedLab } from './platform-points.ts';

export interface FormatContext {
  /** The course, whose version Gradescope's extra_data records. */
  readonly root: string;
  readonly ungraded?: readonly UngradedLab[];
  readonly notes?: readonly string[];
}

/**
 * The text to print for `format`.
 * @throws Error for json with other than one lab (the command table prevents it)
 * @example
 * io.stdout.write(await formatResults('gradescope', [result], { root }));
 */
export async function formatResults(
  format: ResultFormat,
  results: readonly LabResult[],
  context: FormatContext,
): Promise<string> {
  if (format === 'classroom') return toClassroomOutputs(results);
  if (format === 'gradescope') {
    const version = await readCourseVersion(context.root);
    const document = toGradescopeResults(results, {
      version,
      ungraded: context.ungraded,
      notes: context.notes,
    });
    return `${JSON.stringify(document, null, 2)}\n`;
  }
  const [only] = results;
  if (results.length !== 1 || only === undefined) {
    throw new Error(`--format json is for one lab, got ${results.length}`);
  }
  return `${JSON.stringify(toJsonReport(only), null, 2)}\n`;
}
