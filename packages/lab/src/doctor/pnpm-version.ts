// Doctor's pnpm check, pure: the pnpm that runs `pnpm lab doctor` (its major, from the
// npm_config_user_agent every package manager sets for the scripts it runs) against the
// course's `packageManager`.
import type { DoctorCheck } from './doctor-check.ts';

/**
 * Judges the user agent (`pnpm/10.34.9 npm/? node/v20.20.2 linux x64`, or undefined outside a
 * package manager) against `packageManager` (`pnpm@10.34.9`, or undefined when missing).
 * @example
 * judgePnpm('pnpm/9.15.0 npm/? node/v22.12.0 linux x64', 'pnpm@10.34.9').status; // 'warn'
 */
export function judgePnpm(
  userAgent: string | undefined,
  packageManager: string | undefined,
): DoctorCheck {
  const name = 'pnpm';
  const wanted = /^pnpm@((\d+)\.\S*?)(?:\+.*)?$/.exec(packageManager ?? '');
  if (!wanted) {
    return {
      name,
      status: 'warn',
      detail: `not checked: the course's package.json names no pnpm in packageManager (${packageManager ?? 'none'})`,
    };
  }
  const [, version, major] = wanted;
  const install = `npm install -g pnpm@${major}`;
  const running = /^pnpm\/((\d+)\.\S+)/.exec(userAgent ?? '');
  if (!running) {
    const how = userAgent ? `by ${userAgent.split(' ')[0]}` : 'outside a package manager';
    return {
      name,
      status: 'warn',
      detail: `not checked: run ${how}; run \`pnpm lab doctor\` (the course wants pnpm ${major}: ${install})`,
    };
  }
  if (running[2] !== major) {
    return {
      name,
      status: 'warn',
      detail: `${running[1]}, but the course's packageManager is pnpm@${version}: ${install}`,
    };
  }
  return { name, status: 'ok', detail: `${running[1]} (packageManager pnpm@${version})` };
}
