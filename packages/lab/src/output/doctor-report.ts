// What `pnpm lab doctor` prints: one line per check, marked as the scoreboard marks its rows
// (✓ green, ✗ red; ! yellow for a warning), then one summary line. Pure.
import type { CheckStatus, DoctorCheck } from '../doctor/doctor-check.ts';
import type { Format, Paint } from './style.ts';

const MARKS: Readonly<Record<CheckStatus, readonly [mark: string, color: Format]>> = {
  ok: ['✓', 'green'],
  warn: ['!', 'yellow'],
  fail: ['✗', 'red'],
};

/**
 * One check's line.
 * @example
 * formatDoctorCheck({ name: 'pnpm', status: 'ok', detail: '10.34.9' }, painter(false)); // '✓ pnpm: 10.34.9\n'
 */
export function formatDoctorCheck(check: DoctorCheck, paint: Paint): string {
  const [mark, color] = MARKS[check.status];
  return `${paint(color, mark)} ${check.name}: ${check.detail}\n`;
}

/**
 * The summary after every check: the blockers by name, and how many warnings.
 * @example
 * formatDoctorSummary(checks, painter(false)); // '\n2 warnings, no blockers: this machine can run the course.\n'
 */
export function formatDoctorSummary(checks: readonly DoctorCheck[], paint: Paint): string {
  const blockers = checks.filter((check) => check.status === 'fail').map((check) => check.name);
  const warnings = checks.filter((check) => check.status === 'warn').length;
  const warned = `${warnings === 0 ? 'no' : warnings} warning${warnings === 1 ? '' : 's'}`;
  if (blockers.length === 0) {
    const first = warned.charAt(0).toUpperCase() + warned.slice(1);
    return `\n${paint('green', `${first}, no blockers`)}: this machine can run the course.\n`;
  }
  const count = `${blockers.length} blocker${blockers.length === 1 ? '' : 's'}`;
  return `\n${paint('red', `${count}: ${blockers.join(', ')}`)} (and ${warned}): fix ${blockers.length === 1 ? 'it' : 'them'} as said above, then run \`pnpm lab doctor\` again.\n`;
}
