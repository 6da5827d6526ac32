// The course version: the `version` of the course's root package.json, one source for
// `pnpm lab --version`, the stamp of every export, Gradescope's extra_data and the site's footer
// (docs/.vitepress reads the same field). A release sets it (CONTRIBUTING.md, "Releasing").
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** What a course without a version in its package.json is called. */
export const UNVERSIONED = 'unversioned';

/**
 * The version of the course at `root`.
 * @example
 * await readCourseVersion('/home/ada/netprog'); // '1.0.0'
 */
export async function readCourseVersion(root: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(join(root, 'package.json'), 'utf8');
  } catch {
    return UNVERSIONED;
  }
  return courseVersionOf(text);
}

/**
 * The version in the text of a root package.json.
 * @example
 * courseVersionOf('{"version":"1.0.0"}'); // '1.0.0'
 */
export function courseVersionOf(packageJson: string): string {
  try {
    const { version } = JSON.parse(packageJson) as { version?: unknown };
    return typeof version === 'string' && version.trim() !== '' ? version : UNVERSIONED;
  } catch {
    return UNVERSIONED;
  }
}
