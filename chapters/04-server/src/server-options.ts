// The options the chapter's servers share, declared once for @netprog/cli's defineCommand, and
// the shell they run in. Each server lists the ones it takes:
// `defineCommand({ name: 'echo-server.ts', options: { port: PORT_OPTION, demo: DEMO_OPTION } })`.
import { runMain } from '@netprog/cli';

/** `--port N`: the port to listen on, 0 (the default) for any free one the kernel picks. */
export const PORT_OPTION = { type: 'integer', min: 0, max: 65_535, default: 0 } as const;

/** `--workers N`: processes or threads, where the model has any (default 2: this machine's cores). */
export const WORKERS_OPTION = { type: 'integer', min: 1, max: 64, default: 2 } as const;

/** `--demo`: run the example's experiment against itself, print what happened, and exit. */
export const DEMO_OPTION = { type: 'boolean' } as const;

/**
 * Runs a server's main function: a mistake in its command line, or a port it cannot listen on
 * (in use, privileged), is one line ("error: ...") and exit code 2; other errors crash.
 *
 * @example
 * await runCli(async () => { ... });
 */
export function runCli(main: () => Promise<void>): Promise<void> {
  return runMain(main, { prefix: 'error: ' });
}
