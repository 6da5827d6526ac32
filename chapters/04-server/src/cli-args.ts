// Reads the examples' command line: `[dir] [--port N] [--demo]`. A mistake is one clear line.

/** A command-line mistake; the message says how to fix it. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

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
      const value = argv[i + 1] ?? '';
      i += 1;
      if (!/^\d{1,5}$/.test(value) || Number(value) > 65535) {
        throw new UsageError(`--port needs a number from 0 to 65535, got ${JSON.stringify(value)}`);
      }
      port = Number(value);
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

/**
 * Runs an example's main function: a UsageError prints one line and exits 2; other errors crash.
 *
 * @example
 * await runCli(async () => { ... });
 */
export async function runCli(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`error: ${error.message}\n`);
      process.exitCode = 2;
      return;
    }
    throw error;
  }
}
