// What every command needs from the outside world, passed in so commands can be tested with
// fake streams.
import type { Readable, Writable } from 'node:stream';

export interface Io {
  readonly stdout: Writable & { isTTY?: boolean; columns?: number };
  readonly stderr: Writable & { isTTY?: boolean };
  readonly stdin: Readable & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };
  readonly env: NodeJS.ProcessEnv;
  /** The folder the user typed the command in (pnpm runs scripts from the repo root). */
  readonly cwd: string;
}

export interface Context {
  /** The folder whose labs/ holds the labs. */
  readonly root: string;
  readonly io: Io;
  /** Aborted on Ctrl-C or SIGTERM: stop grading, kill test processes, exit. */
  readonly signal?: AbortSignal;
}
