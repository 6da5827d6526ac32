// Runs `pnpm lab export` through main() in this process (export grades nothing), from the
// course repository's scratch folder, and collects what it printed.
import { main } from '../../src/cli/main.ts';
import type { CourseRepo } from './course-repo.ts';
import { fakeIo } from './fake-io.ts';

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
  const io = fakeIo();
  const code = await main(['--root', course.root, 'export', ...argv], {
    ...io,
    cwd: course.scratch,
  });
  return { code, out: io.out(), err: io.err() };
}
