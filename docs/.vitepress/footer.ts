// The site's footer: the licence, the promise about examples and outputs, and the course version
// the site was built from: the `version` of the root package.json, the one source that
// `pnpm lab --version` and every class export's stamp read too (packages/lab/src/course/version.ts).
// Read here directly: VitePress loads its config with Node, which cannot import the lab
// package's TypeScript.
import { readFile } from 'node:fs/promises';

const rootPackage = new URL('../../package.json', import.meta.url);

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
  const { version } = JSON.parse(await readFile(rootPackage, 'utf8')) as { version?: string };
  return footerMessage(version ?? 'unversioned');
}
