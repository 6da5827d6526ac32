// `pnpm lab doctor`: can this machine run the course? Prints one line per check as it finishes
// (doctor/run-checks.ts), then a summary; exits 1 when a check found a blocker, 0 otherwise
// (warnings do not fail).
import type { Context } from '../context.ts';
import { runChecks } from '../doctor/run-checks.ts';
import { formatDoctorCheck, formatDoctorSummary } from '../output/doctor-report.ts';
import { painter, useColor } from '../output/style.ts';

/**
 * Runs every check and returns the exit code.
 * @example
 * process.exitCode = await doctorCommand(context);
 */
export async function doctorCommand(context: Context): Promise<number> {
  const { io } = context;
  const paint = painter(useColor(io.stdout, io.env));
  const checks = await runChecks(
    {
      root: context.root,
      env: io.env,
      platform: process.platform,
      arch: process.arch,
      nodeVersion: process.version,
      today: new Date(),
      signal: context.signal,
    },
    (check) => io.stdout.write(formatDoctorCheck(check, paint)),
  );
  if (context.signal?.aborted) return 130;
  io.stdout.write(formatDoctorSummary(checks, paint));
  return checks.some((check) => check.status === 'fail') ? 1 : 0;
}
