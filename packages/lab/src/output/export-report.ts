// What `pnpm lab export` prints when the copy is written: what it holds, what it left out and
// why, and the commands to run next. Pure.
import type { ExportPlan } from '../export/plan.ts';
import { RESULTS_DIR } from '../export/rewrite.ts';
import type { Paint } from './style.ts';

export interface ExportReport {
  /** The copy's folder, absolute, and as the teacher would `cd` to it. */
  readonly dir: string;
  readonly shownDir: string;
  readonly commit: string;
  readonly plan: ExportPlan;
  /** How many files were written, generated ones included. */
  readonly written: number;
  /** The files the export added (marker, workflow). */
  readonly added: { readonly marker: string; readonly workflow: string };
  /** What --force deleted from the folder first. */
  readonly replaced: number;
  /** Whether the folder was a git repository already: then the next step is a commit, not `git init`. */
  readonly git: boolean;
  /** Tracked files with uncommitted changes (not exported). */
  readonly uncommitted: readonly string[];
}

/**
 * The export's report.
 * @example
 * io.stdout.write(formatExportReport(report, painter(false)));
 */
export function formatExportReport(report: ExportReport, paint: Paint): string {
  const { plan, commit } = report;
  const short = commit.slice(0, 10);
  const lines = [
    `${paint('green', 'Exported')} a student copy of the course to ${report.dir}`,
    '',
    `  ${report.written} files: commit ${short}, without reference solutions (${plan.leftOut.solutionFiles} files of labs/*/solutions/ left out)`,
    ...(plan.leftOut.mutantFiles > 0
      ? [
          `  without the recorded mutants either (${plan.leftOut.mutantFiles} files of labs/*/mutants/ and Stryker's files left out: each is a solution with one line changed)`,
        ]
      : []),
    `  labs: ${plan.labs.join(', ') || '(none)'}`,
  ];
  const alsoLeftOut = [
    ...(plan.leftOut.labs.length > 0 ? [`the other labs (${plan.leftOut.labs.join(', ')})`] : []),
    ...(plan.leftOut.docs ? ['docs/ (the course site is built from every lab)'] : []),
  ];
  if (alsoLeftOut.length > 0) lines.push(`  also left out: ${alsoLeftOut.join('; ')}`);
  lines.push(
    `  added: ${report.added.marker} (marks a student copy), ${report.added.workflow} (grades every lab in CI)`,
    `  each lab's test script runs \`pnpm lab check <lab>\` (verify needs the solutions); .gitignore has ${RESULTS_DIR}/`,
  );
  if (report.replaced > 0) {
    lines.push(`  replaced what was in the folder (${report.replaced} entries; .git kept)`);
  }
  if (plan.leftOut.submodules.length > 0) {
    lines.push(`  not copied: submodules ${plan.leftOut.submodules.join(', ')}`);
  }
  const changed = report.uncommitted;
  if (changed.length > 0) {
    const some = `${changed.slice(0, 3).join(', ')}${changed.length > 3 ? ', …' : ''}`;
    const one = changed.length === 1;
    lines.push(
      `  ${paint('yellow', 'note:')} ${changed.length} tracked file${one ? ' has' : 's have'} uncommitted changes (${some}); the copy has the committed version${one ? '' : 's'}`,
    );
  }
  lines.push(
    '',
    'Next:',
    report.git
      ? `  cd ${report.shownDir} && git status              # what changed since the last export`
      : `  cd ${report.shownDir} && git init`,
    `  git add -A && git commit -m "${report.git ? 'Update from' : 'Class copy of'} netprog ${short}"`,
    '  pnpm install && pnpm test                      # the copy checks itself',
    `  pnpm lab grade-all --ci --results ${RESULTS_DIR}  # what its CI runs on every push`,
    '',
  );
  return lines.join('\n');
}
