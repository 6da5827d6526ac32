// The summary `pnpm lab grade-all` ends with: one row per lab, then the total. As text for the
// terminal and the CI log, and as Markdown for the CI run's summary page (summary.md). Pure.
import { integrityList } from '../grade/integrity.ts';
import type { LabResult } from '../grade/types.ts';
import { type Paint, pad } from './style.ts';

/** How grading one lab went: its results, or why it could not be graded. */
export type LabOutcome =
  | { readonly id: string; readonly result: LabResult; readonly error?: undefined }
  | { readonly id: string; readonly result?: undefined; readonly error: string };

/** A lab's verdict: every exercise passes, some do not, a graded test was changed, or no grading. */
export type LabVerdict = 'pass' | 'fail' | 'changed-tests' | 'error';

/**
 * The verdict of one lab. Changed tests come first: the points of a lab whose graded tests were
 * edited cannot be trusted, whatever they are.
 * @example
 * verdictOf({ id: 'chapter3', result }); // 'fail'
 */
export function verdictOf(outcome: LabOutcome): LabVerdict {
  if (!outcome.result) return 'error';
  if (outcome.result.integrity.length > 0) return 'changed-tests';
  return outcome.result.passed === outcome.result.total ? 'pass' : 'fail';
}

function statusText(outcome: LabOutcome): string {
  if (!outcome.result) return `could not be graded: ${outcome.error}`;
  switch (verdictOf(outcome)) {
    case 'changed-tests':
      return integrityList(outcome.result.integrity);
    case 'pass':
      return 'every exercise passes';
    default:
      return toGo(outcome.result.total - outcome.result.passed);
  }
}

function toGo(exercises: number): string {
  return `${exercises} exercise${exercises === 1 ? '' : 's'} to go`;
}

function totals(outcomes: readonly LabOutcome[]) {
  const graded = outcomes.flatMap((o) => (o.result ? [o.result] : []));
  return {
    points: graded.reduce((sum, r) => sum + r.points, 0),
    max: graded.reduce((sum, r) => sum + r.max, 0),
    passing: outcomes.filter((o) => verdictOf(o) === 'pass').length,
  };
}

/**
 * The summary for the terminal.
 * @example
 * process.stdout.write(formatGradeSummary(outcomes, painter(false)));
 * // Every lab
 * //
 * //   ✗ chapter3  The TCP client   0/100 points  0/5 exercises  5 to go
 * //
 * // Total 0/100 points · 0 of 1 lab pass
 */
export function formatGradeSummary(outcomes: readonly LabOutcome[], paint: Paint): string {
  const idWidth = Math.max(...outcomes.map((o) => o.id.length));
  const titles = outcomes.map((o) => o.result?.lab.title ?? '');
  const titleWidth = Math.min(30, Math.max(...titles.map((t) => t.length)));
  const pointsWidth = Math.max(
    ...outcomes.map((o) => (o.result ? `${o.result.points}/${o.result.max}`.length : 0)),
  );
  const lines = [paint('bold', 'Every lab'), ''];
  outcomes.forEach((outcome, index) => {
    const verdict = verdictOf(outcome);
    const mark =
      verdict === 'pass'
        ? paint('green', '✓')
        : verdict === 'changed-tests'
          ? paint('yellow', '⚠')
          : paint('red', '✗');
    const title = truncate(titles[index] ?? '', titleWidth);
    const numbers = outcome.result
      ? `${pad(`${outcome.result.points}/${outcome.result.max}`, pointsWidth, 'right')} points  ${outcome.result.passed}/${outcome.result.total} exercises  `
      : '';
    lines.push(
      `  ${mark} ${pad(outcome.id, idWidth)}  ${pad(title, titleWidth)}  ${numbers}${statusText(outcome)}`,
    );
  });
  const { points, max, passing } = totals(outcomes);
  const labs = outcomes.length;
  lines.push('', `Total ${points}/${max} points · ${passingText(passing, labs)}`);
  return `${lines.join('\n')}\n`;
}

/**
 * The summary as Markdown, for a CI run's summary page (GitHub: $GITHUB_STEP_SUMMARY).
 * @example
 * await writeFile('lab-results/summary.md', formatGradeSummaryMarkdown(outcomes));
 */
export function formatGradeSummaryMarkdown(outcomes: readonly LabOutcome[]): string {
  const marks: Record<LabVerdict, string> = {
    pass: '✅',
    fail: '❌',
    'changed-tests': '⚠️',
    error: '❌',
  };
  const lines = [
    '## Lab results',
    '',
    '| | Lab | Points | Exercises passed | Status |',
    '| --- | --- | ---: | ---: | --- |',
  ];
  for (const outcome of outcomes) {
    const { result } = outcome;
    const lab = result ? `${outcome.id} · ${result.lab.title}` : outcome.id;
    const cells = [
      marks[verdictOf(outcome)],
      lab,
      result ? `${result.points}/${result.max}` : '',
      result ? `${result.passed}/${result.total}` : '',
      statusText(outcome),
    ];
    lines.push(`| ${cells.map(escapeCell).join(' | ')} |`);
  }
  const { points, max, passing } = totals(outcomes);
  lines.push('', `**${points}/${max} points** · ${passingText(passing, outcomes.length)}`, '');
  return lines.join('\n');
}

function passingText(passing: number, labs: number): string {
  return `${passing} of ${labs} lab${labs === 1 ? '' : 's'} ${passing === 1 ? 'passes' : 'pass'}`;
}

// A `|` would end the cell, a line break the row.
function escapeCell(text: string): string {
  return text.replaceAll('|', '\\|').replace(/\s*\n\s*/g, ' ');
}

function truncate(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}
