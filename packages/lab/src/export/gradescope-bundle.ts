// `pnpm lab export --gradescope <dir>`: a Gradescope autograder bundle. The class copy of the
// course goes under course/ (every lab, without solutions), beside Gradescope's two scripts:
// setup.sh (installs the pinned Node and pnpm, then the lockfile's packages) and run_autograder
// (grades a submission's exercise files with the bundle's own tests and writes results.json).
// The teacher zips the folder's contents and uploads the zip as the assignment's autograder.
import { readFile } from 'node:fs/promises';
import type { CourseStamp } from './course-stamp.ts';
import { type CopyFile, writeCopy } from './write-copy.ts';

const TEMPLATES = new URL('../../templates/gradescope/', import.meta.url);

/** The versions setup.sh installs. */
export interface PinnedVersions {
  readonly node: string;
  readonly pnpm: string;
  readonly course: string;
}

/**
 * The pinned versions: this Node (the one the exporter runs, which ran the course), the pnpm of
 * the course's packageManager field, and the course version.
 * @throws Error when the course's package.json names no pnpm version
 * @example
 * pinnedVersions(files, stamp); // { node: '20.20.0', pnpm: '10.34.9', course: '1.0.0' }
 */
export function pinnedVersions(files: readonly CopyFile[], stamp: CourseStamp): PinnedVersions {
  const packageJson = files.find((f) => f.path === 'package.json')?.content.toString() ?? '{}';
  const { packageManager } = JSON.parse(packageJson) as { packageManager?: string };
  const pnpm = /^pnpm@(\d+\.\d+\.\d+)/.exec(packageManager ?? '')?.[1] ?? '10';
  return { node: process.versions.node, pnpm, course: stamp.version };
}

/**
 * setup.sh with its versions filled in.
 * @example
 * fillVersions(template, { node: '20.20.0', pnpm: '10.34.9', course: '1.0.0' });
 */
export function fillVersions(template: string, versions: PinnedVersions): string {
  return template
    .replaceAll('@NODE_VERSION@', versions.node)
    .replaceAll('@PNPM_VERSION@', versions.pnpm)
    .replaceAll('@COURSE_VERSION@', versions.course);
}

/**
 * Writes the bundle into `dir`: the copy's files under course/, setup.sh and run_autograder;
 * returns the versions setup.sh pins.
 * @example
 * await writeGradescopeBundle('/tmp/autograder', files, stamp);
 */
export async function writeGradescopeBundle(
  dir: string,
  files: readonly CopyFile[],
  stamp: CourseStamp,
): Promise<PinnedVersions> {
  const template = async (name: string) => readFile(new URL(name, TEMPLATES), 'utf8');
  const versions = pinnedVersions(files, stamp);
  await writeCopy(dir, [
    ...files.map((file) => ({ ...file, path: `course/${file.path}` })),
    {
      path: 'setup.sh',
      mode: '100755',
      content: Buffer.from(fillVersions(await template('setup.sh'), versions)),
    },
    {
      path: 'run_autograder',
      mode: '100755',
      content: Buffer.from(await template('run_autograder')),
    },
  ]);
  return versions;
}
