// The scoreboard a student sees after every grading: one row per exercise, the score, then the
// first failure in plain words and what to do about it. Pure: result in, text out.
import type { ExerciseResult, LabResult } from '../grade/types.ts';
import { formatDuration, type Paint, pad } from './style.ts';

export interface ScoreboardOptions {
  readonly paint: Paint;
  /** How the student ran this lab, for the hints we print: `pnpm lab chapter3`. */
  readonly command: string;
  /** Hints available per exercise id (to say "Stuck? …" only when there are some). */
  readonly hintCounts: Readonly<Record<string, number>>;
  /** The command for the next lab, when there is one: `pnpm lab chapter4`. */
  readonly next?: string;
  /** The line to end with in watch mode. */
  readonly footer?: string;
  /**
   * Watch mode, after a save: only these exercises were graded now, for this reason; the other
   * rows are their last results and are marked so.
   */
  readonly regraded?: { readonly ids: readonly string[]; readonly reason: string };
}

const MARKS = { pass: '✓', fail: '✗', timeout: '⏱', error: '!' } as const;
const MAX_OUTPUT_LINES = 8;

/**
 * Formats a graded lab.
 * @example
 * process.stdout.write(formatScoreboard(result, { paint: painter(false), command: 'pnpm lab chapter3', hintCounts: {} }));
 */
export function formatScoreboard(result: LabResult, options: ScoreboardOptions): string {
  const { paint } = options;
  const lines: string[] = [];
  const whose = result.target === 'solutions' ? 'reference solutions' : 'your exercises';
  lines.push(
    `${paint('bold', `${result.lab.id} · ${result.lab.title}`)}  ${paint('dim', `(${whose})`)}`,
    '',
  );
  for (const problem of result.integrity) {
    lines.push(`${paint('yellow', '⚠')} ${problem.message}`);
  }
  if (result.integrity.length > 0) lines.push('');
  const { regraded } = options;
  const isNow = (exercise: ExerciseResult) => !regraded || regraded.ids.includes(exercise.id);
  if (regraded) {
    lines.push(
      `Re-graded now: ${regraded.ids.join(', ')} (${regraded.reason}). Rows marked "earlier" are their last results.`,
      '',
    );
  }

  const idWidth = Math.max(...result.exercises.map((e) => e.id.length));
  const titleWidth = Math.min(36, Math.max(...result.exercises.map((e) => e.title.length)));
  const pointsWidth = Math.max(...result.exercises.map((e) => `${e.points}/${e.max}`.length));
  const tags = result.exercises.map(tagOf);
  const tagWidth = Math.max(...tags.map((t) => t.length));
  result.exercises.forEach((exercise, index) => {
    const color = colorOf(exercise);
    lines.push(
      [
        `  ${paint(color, MARKS[exercise.status])} ${pad(exercise.id, idWidth)}`,
        pad(clip(exercise.title, titleWidth), titleWidth),
        pad(paint(color, `${exercise.points}/${exercise.max}`), pointsWidth, 'right'),
        paint('dim', pad(tags[index] ?? '', tagWidth)),
        isNow(exercise)
          ? pad(formatDuration(exercise.duration), 7, 'right')
          : paint('dim', pad('earlier', 7, 'right')),
      ].join('  '),
    );
  });

  const all = result.passed === result.total;
  const score = paint(all ? 'green' : 'bold', `Score ${result.points}/${result.max}`);
  lines.push(
    '',
    `${score} · ${result.passed} of ${result.total} exercises pass · ${
      regraded ? `re-graded ${regraded.ids.length} of ${result.total}` : 'graded'
    } in ${formatDuration(result.duration)}`,
  );

  const first = result.exercises.find((e) => e.status !== 'pass');
  if (first) lines.push('', ...formatFailure(first, result, options));
  else if (result.target === 'exercises') {
    lines.push(
      '',
      paint('green', 'Every exercise passes. Well done!') +
        (options.next ? ` Next: ${options.next}` : ''),
    );
  }
  if (options.footer) lines.push('', paint('dim', options.footer));
  return `${lines.join('\n')}\n`;
}

/**
 * The first failure of an exercise in plain words, as the scoreboard ends with it (also the
 * `output` of an exercise in Gradescope's results.json).
 * @example
 * formatFailure(exercise, 'exercises', { paint: painter(false), command: 'pnpm lab chapter3', hintCounts: {} });
 */
export function formatFailure(
  exercise: ExerciseResult,
  { target, seed }: Pick<LabResult, 'target' | 'seed'>,
  options: Pick<ScoreboardOptions, 'paint' | 'command' | 'hintCounts'>,
): string[] {
  const { paint } = options;
  const failure = exercise.failure;
  const heading = failure?.test ? `${exercise.id} › ${failure.test}` : exercise.id;
  const lines = [paint(['bold', colorOf(exercise)], `${MARKS[exercise.status]} ${heading}`)];
  if (failure) {
    lines.push(`    ${failure.summary}`);
    if (failure.detail)
      lines.push(...failure.detail.split('\n').map((l) => paint('dim', `    ${l}`)));
    if (failure.expected !== undefined) lines.push(...side('expected:', failure.expected));
    if (failure.actual !== undefined) lines.push(...side('got:     ', failure.actual));
    if (failure.location) lines.push(paint('dim', `    at ${failure.location}`));
    if (failure.wire !== undefined) {
      lines.push('', ...failure.wire.split('\n').map((l) => (l === '' ? '' : `    ${l}`)), '');
    }
    if (failure.seed !== undefined && seed !== undefined) {
      lines.push(
        `    The test's fixtures drew their random choices from seed ${seed}: replay exactly with`,
        `    ${paint('cyan', `${options.command} --seed ${seed} --only ${exercise.id}`)}`,
      );
    }
  }
  const printed = exercise.output.trimEnd();
  if (printed) {
    const outputLines = printed.split('\n');
    lines.push(paint('dim', '    your code printed:'));
    for (const line of outputLines.slice(-MAX_OUTPUT_LINES))
      lines.push(paint('dim', `    │ ${line}`));
  }
  const hints = options.hintCounts[exercise.id] ?? 0;
  if (target === 'solutions') {
    lines.push(
      '  A reference solution must pass: fix the solution or its test, then `pnpm lab verify`.',
    );
    return lines;
  }
  lines.push(
    hints > 0
      ? `  Stuck? ${paint('cyan', `${options.command} hint ${exercise.id}`)} ${paint('dim', `(${hints} hint${hints > 1 ? 's' : ''})`)}`
      : `  Stuck? Re-read the goal of "${exercise.id}" in the lab's README.md.`,
  );
  return lines;
}

function side(label: string, value: string): string[] {
  const [first = '', ...rest] = value.split('\n');
  return [`    ${label} ${first}`, ...rest.map((line) => `              ${line}`)];
}

function tagOf(exercise: ExerciseResult): string {
  if (exercise.status === 'timeout') return 'timed out';
  if (exercise.status === 'error') return exercise.tests.length === 0 ? 'did not run' : 'crashed';
  const passed = exercise.tests.filter((t) => t.status === 'pass').length;
  const cleanup =
    exercise.status === 'fail' && passed === exercise.tests.length ? ' + cleanup' : '';
  return `${passed}/${exercise.tests.length} tests${cleanup}`;
}

function colorOf(exercise: ExerciseResult): 'green' | 'red' | 'yellow' {
  if (exercise.status === 'pass') return 'green';
  return exercise.status === 'timeout' ? 'yellow' : 'red';
}

function clip(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}
