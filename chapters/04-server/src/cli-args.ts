// Reads the examples' command lines: `[dir] [--port N] [--demo]` for the static server,
// `[--port N] [--workers N] [--demo]` for the concurrency models. A mistake is one clear line:
// UsageError and the shell that prints it are the course's shared ones (@netprog/cli).
import { runMain, UsageError } from '@netprog/cli';

export { UsageError };

/** The parsed command line of the server examples. */
export interface ServerArgs {
  readonly dir: string | undefined;
  readonly port: number;
  readonly demo: boolean;
}

/**
 * Parses `[dir] [--port N] [--demo]`.
 *
 * @example
 * parseServerArgs(['site', '--port', '8080']) // { dir: 'site', port: 8080, demo: false }
 */
export function parseServerArgs(argv: readonly string[]): ServerArgs {
  let dir: string | undefined;
  let port = 0;
  let demo = false;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (arg === '--demo') demo = true;
    else if (arg === '--port') {
      port = portValue(argv[i + 1] ?? '');
      i += 1;
    } else if (arg.startsWith('--')) {
      throw new UsageError(`unknown option ${arg}; use [dir] [--port N] [--demo]`);
    } else if (dir === undefined) dir = arg;
    else
      throw new UsageError(
        `one directory only, got ${JSON.stringify(dir)} and ${JSON.stringify(arg)}`,
      );
  }
  return { dir, port, demo };
}

function portValue(value: string): number {
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65535) {
    throw new UsageError(`--port needs a number from 0 to 65535, got ${JSON.stringify(value)}`);
  }
  return Number(value);
}

/** The parsed command line of the concurrency-model servers. */
export interface ModelArgs {
  readonly port: number;
  /** Processes or threads to use, where the model has any (default 2: the course machine's cores). */
  readonly workers: number;
  readonly demo: boolean;
}

/** Which options a server takes besides `--port`. */
export interface ModelOptions {
  readonly workers?: boolean;
  readonly demo?: boolean;
}

/**
 * Parses `[--port N] [--workers N] [--demo]`, refusing the options `accepts` turns off.
 *
 * @example
 * parseModelArgs(['--workers', '4']) // { port: 0, workers: 4, demo: false }
 * parseModelArgs(['--workers', '4'], { workers: false }) // throws UsageError
 */
export function parseModelArgs(
  argv: readonly string[],
  accepts: ModelOptions = { workers: true, demo: true },
): ModelArgs {
  const usage = `use [--port N]${accepts.workers === true ? ' [--workers N]' : ''}${accepts.demo === true ? ' [--demo]' : ''}`;
  let port = 0;
  let workers = 2;
  let demo = false;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    const value = argv[i + 1] ?? '';
    if (arg === '--demo' && accepts.demo === true) demo = true;
    else if (arg === '--port') {
      port = portValue(value);
      i += 1;
    } else if (arg === '--workers' && accepts.workers === true) {
      if (!/^\d{1,2}$/.test(value) || Number(value) < 1 || Number(value) > 64) {
        throw new UsageError(`--workers needs a number from 1 to 64, got ${JSON.stringify(value)}`);
      }
      workers = Number(value);
      i += 1;
    } else throw new UsageError(`unknown argument ${arg}; ${usage}`);
  }
  return { port, workers, demo };
}

/**
 * Runs an example's main function: a UsageError prints one line ("error: ...") and exits 2; other
 * errors crash.
 *
 * @example
 * await runCli(async () => { ... });
 */
export function runCli(main: () => Promise<void>): Promise<void> {
  return runMain(main, { prefix: 'error: ' });
}
