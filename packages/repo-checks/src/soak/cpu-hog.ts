// The load `pnpm soak` runs the suite under: one busy process per core, so every test competes for
// the CPU as it does on a laptop doing other things or on a shared CI runner. Debian's stress-ng
// when installed (what the issue that asked for the soak names), else busy Node processes.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { availableParallelism } from 'node:os';

export interface CpuHog {
  /** What is running, for the report: `stress-ng --cpu 2`. */
  readonly description: string;
  /** Stops every busy process and waits until they have exited. */
  stop(): Promise<void>;
}

/** Resolves with the started child, or undefined when the program is not installed. */
async function started(child: ChildProcess): Promise<ChildProcess | undefined> {
  try {
    await once(child, 'spawn');
    return child;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

// A busy loop that ends itself when its parent is gone (its parent process id changes), so a
// soak killed before it could stop its hog leaves nothing spinning.
const BUSY_NODE =
  'const p = process.ppid; for (let i = 1; ; i++) if (i % 1e8 === 0 && process.ppid !== p) process.exit();';

/**
 * Starts one busy process per core (`cores`, default: this machine's), stress-ng if present.
 * `boundSeconds` ends stress-ng by itself if this process is killed before it can stop it.
 */
export async function startCpuHog(
  boundSeconds: number,
  cores = availableParallelism(),
): Promise<CpuHog> {
  const stressNg = await started(
    spawn('stress-ng', ['--cpu', String(cores), '--timeout', String(boundSeconds), '--quiet'], {
      stdio: 'ignore',
    }),
  );
  const children =
    stressNg !== undefined
      ? [stressNg]
      : await Promise.all(
          Array.from({ length: cores }, () =>
            started(spawn(process.execPath, ['-e', BUSY_NODE], { stdio: 'ignore' })),
          ),
        );
  const description =
    stressNg !== undefined
      ? `stress-ng --cpu ${cores}`
      : `${cores} busy node processes (stress-ng is not installed)`;
  return {
    description,
    async stop() {
      await Promise.all(
        children.map(async (child) => {
          if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
          const exited = once(child, 'exit');
          // stress-ng's parent stops its workers on SIGTERM and waits for them.
          child.kill('SIGTERM');
          await exited;
        }),
      );
    },
  };
}
