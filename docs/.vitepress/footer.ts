// The site's footer: the licence, the promise about examples and outputs, and the course version
// the site was built from (the root package.json's, read by @netprog/lab/version, the same
// source as `pnpm lab --version` and every class export's stamp).
import { fileURLToPath } from 'node:url';
import { readCourseVersion } from '@netprog/lab/version';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The footer's message for a course version.
 * @example
 * footerMessage('1.0.0'); // 'netprog 1.0.0 · MIT licensed. …'
 */
export function footerMessage(version: string): string {
  return `netprog ${version} · MIT licensed. Every example on this site runs on loopback; every output was recorded from a real run.`;
}

/** The footer's message for this repository's course version. */
export async function siteFooterMessage(): Promise<string> {
  return footerMessage(await readCourseVersion(repoRoot));
}
