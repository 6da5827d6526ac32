// Runs `pnpm lab export` through main() in this process (export grades nothing), from the
// course repository's scratch folder, and collects what it printed.
import type { CourseRepo } from './course-repo.ts';
import { runCliInProcess } from './run-cli-in-process.ts';

export interface ExportRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/**
 * Exports `course` with the given arguments after `export`.
 * @example
 * const { code, out } = await exportFrom(course, ['class', '--force']);
 */
export async function exportFrom(course: CourseRepo, argv: readonly string[]): Promise<ExportRun> {
  const run = await runCliInProcess(['--root', course.root, 'export', ...argv], {
    cwd: course.scratch,
  });
  return { code: run.code ?? 1, out: run.stdout, err: run.stderr };
}
