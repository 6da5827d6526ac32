// The table `pnpm lab` prints, and its "what next" line. Pure.
import { type Paint, pad } from './style.ts';

export interface LabRow {
  readonly id: string;
  readonly title?: string;
  readonly exercises?: number;
  readonly max?: number;
  readonly last?: {
    readonly passed: number;
    readonly points: number;
    readonly at: Date;
    /** An exercise file changed after that grading. */
    readonly changedSince: boolean;
  };
  /** Set when the lab cannot be loaded. */
  readonly error?: string;
}

/**
 * Formats the lab list.
 * @example
 * formatLabList([{ id: 'chapter3', title: 'The TCP client', exercises: 4, max: 40 }],
 *   { paint: painter(false), root: '/repo', now: new Date() });
 */
export function formatLabList(
  rows: readonly LabRow[],
  options: { paint: Paint; root: string; now: Date },
): string {
  const { paint } = options;
  if (rows.length === 0) {
    return `No labs found: looked for labs/*/lab.json in ${options.root}.\n`;
  }
  const idWidth = Math.max(...rows.map((r) => r.id.length));
  const titleWidth = Math.min(36, Math.max(...rows.map((r) => r.title?.length ?? 0)));
  const lines = [paint('bold', 'Labs'), ''];
  for (const row of rows) {
    if (row.error !== undefined || row.exercises === undefined || row.max === undefined) {
      lines.push(
        `  ${paint('red', '!')} ${pad(row.id, idWidth)}  ${paint('red', row.error ?? 'cannot be loaded')}`,
      );
      continue;
    }
    const done = row.last !== undefined && row.last.passed === row.exercises;
    const mark = done ? paint('green', '✓') : row.last ? paint('yellow', '•') : ' ';
    const passed = row.last?.passed ?? 0;
    const points = row.last?.points ?? 0;
    const when = row.last
      ? `graded ${ago(row.last.at, options.now)}${row.last.changedSince ? ', files changed since' : ''}`
      : 'not started';
    lines.push(
      [
        `  ${mark} ${pad(row.id, idWidth)}`,
        pad(row.title ?? '', titleWidth),
        pad(`${passed}/${row.exercises} exercises`, 15, 'right'),
        pad(`${points}/${row.max} points`, 14, 'right'),
        paint('dim', when),
      ].join('  '),
    );
  }
  lines.push('', nextStep(rows, paint), paint('dim', 'All commands: pnpm lab --help'));
  return `${lines.join('\n')}\n`;
}

function nextStep(rows: readonly LabRow[], paint: Paint): string {
  const open = rows.filter((r) => r.error === undefined && r.exercises !== undefined);
  const next = open.find((r) => r.last === undefined || r.last.passed < (r.exercises ?? 0));
  if (!next) return open.length > 0 ? paint('green', 'Every lab passes. Well done!') : '';
  const command = paint('cyan', `pnpm lab ${next.id}`);
  if (!next.last) return `Next: ${command} to start "${next.title}".`;
  const left = (next.exercises ?? 0) - next.last.passed;
  return `Next: ${command}: ${left} exercise${left === 1 ? '' : 's'} to go (stuck? ${paint('cyan', `pnpm lab ${next.id} hint`)}).`;
}

/**
 * A short relative time: `just now`, `5 min ago`, `3 h ago`, `2 days ago`.
 * @example
 * ago(new Date(Date.now() - 300_000), new Date()); // '5 min ago'
 */
export function ago(then: Date, now: Date): string {
  const seconds = Math.max(0, (now.getTime() - then.getTime()) / 1000);
  if (seconds < 60) return 'just now';
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ago`;
  const days = Math.floor(seconds / 86_400);
  return `${days} day${days === 1 ? '' : 's'} ago`;
}
