// What `pnpm lab export --gradescope` prints: what the bundle holds and how to use it. Pure.
import type { PinnedVersions } from '../export/gradescope-bundle.ts';
import type { Paint } from './style.ts';

export interface BundleReport {
  readonly dir: string;
  readonly shownDir: string;
  readonly labs: readonly string[];
  readonly versions: PinnedVersions;
}

/**
 * The bundle's report.
 * @example
 * io.stdout.write(formatBundleReport(report, painter(false)));
 */
export function formatBundleReport(report: BundleReport, paint: Paint): string {
  const { versions } = report;
  return `${[
    `${paint('green', 'Wrote')} a Gradescope autograder for netprog ${versions.course} to ${report.dir}`,
    '',
    `  setup.sh        installs Node ${versions.node} and pnpm ${versions.pnpm}, then the course's locked packages`,
    '  run_autograder  grades the exercise files of a submission with the bundle’s own tests',
    `  course/         the course without reference solutions; labs: ${report.labs.join(', ')}`,
    '',
    'Next:',
    `  cd ${report.shownDir} && zip -r ../autograder.zip .   # upload the zip as the assignment's autograder`,
    '  Students submit their repository (GitHub) or their exercise files (upload).',
  ].join('\n')}\n`;
}
