// Reading what turbo recorded about a run (`turbo run --summarize` writes .turbo/runs/<id>.json):
// each task's package, exit code and duration.
import type { TaskOutcome } from './run-report.ts';

interface SummaryTask {
  package?: string;
  task?: string;
  command?: string;
  execution?: { startTime?: number; endTime?: number; exitCode?: number | null };
}

/**
 * The tasks of a turbo run summary (the parsed JSON). Tasks turbo never started (a dependency
 * failed) have no execution and an exit code of null.
 *
 * @example
 * tasksOfSummary(JSON.parse(await readFile('.turbo/runs/x.json', 'utf8')));
 * // [{ package: '@netprog/cli', task: 'test', exitCode: 0, durationMs: 5230 }, ...]
 */
export function tasksOfSummary(summary: unknown): TaskOutcome[] {
  const tasks = (summary as { tasks?: SummaryTask[] } | null)?.tasks;
  if (!Array.isArray(tasks)) throw new Error('the turbo run summary has no "tasks" list');
  return (
    tasks
      // A task a package has no script for (`transit`, which only orders others) runs nothing.
      .filter((t) => typeof t.package === 'string' && typeof t.task === 'string')
      .filter((t) => t.command !== '<NONEXISTENT>')
      .map((t) => {
        const { startTime, endTime, exitCode } = t.execution ?? {};
        return {
          package: t.package as string,
          task: t.task as string,
          exitCode: typeof exitCode === 'number' ? exitCode : null,
          durationMs:
            typeof startTime === 'number' && typeof endTime === 'number' ? endTime - startTime : 0,
        };
      })
  );
}
