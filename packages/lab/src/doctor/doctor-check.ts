// What one check of `pnpm lab doctor` found: the shape every check returns, pure or not.

/** ok: works; warn: works with a caveat (does not fail the run); fail: a blocker (exit 1). */
export type CheckStatus = 'ok' | 'warn' | 'fail';

export interface DoctorCheck {
  /** What was checked, short (`loopback IPv4`): the line starts with it, the summary names it. */
  readonly name: string;
  readonly status: CheckStatus;
  /** What was found and, when it is not ok, what to do about it. */
  readonly detail: string;
}
