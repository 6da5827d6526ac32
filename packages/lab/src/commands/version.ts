// `pnpm lab --version`: the course version (course/version.ts), and nothing else on the line,
// so scripts can read it.
import type { Context } from '../context.ts';
import { readCourseVersion } from '../course/version.ts';

/**
 * Prints the course version and returns 0.
 * @example
 * await versionCommand(context); // prints "1.0.0"
 */
export async function versionCommand(context: Context): Promise<number> {
  context.io.stdout.write(`${await readCourseVersion(context.root)}\n`);
  return 0;
}
