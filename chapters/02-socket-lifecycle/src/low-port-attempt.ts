// Trying for real to listen on a low port, in a child process: the attempt can then run as
// another user (so root can show what an ordinary user meets) and holds nothing in this process.

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** How one listen() attempt ended: 'ok', or the error's code with Node's message. */
export interface ListenAttempt {
  code: 'ok' | string;
  message: string;
}

/** The user Debian and most distributions reserve for "no privileges at all". */
export const NOBODY = { uid: 65534, gid: 65534 } as const;

/**
 * Runs `listen(port, '127.0.0.1')` with plain Node in a child process (as `asUser` when given,
 * which only root may ask for), closes the server again at once, and reports the outcome.
 * Bounded: the child gets 5 s. A child that cannot be started as that user is reported the same
 * way, with the code of that failure (EPERM).
 *
 * @example
 * await listenInChild(80)          // { code: 'ok', message: 'bound 127.0.0.1:80, closed again' } as root
 * await listenInChild(80, NOBODY)  // { code: 'EACCES', message: 'listen EACCES: permission denied 127.0.0.1:80' }
 */
export async function listenInChild(
  port: number,
  asUser?: { uid: number; gid: number },
): Promise<ListenAttempt> {
  const code = `
    const server = require('node:net').createServer();
    const report = (code, message) => console.log(JSON.stringify({ code, message }));
    server.on('error', (e) => report(e.code, e.message));
    server.listen(${port}, '127.0.0.1', () => {
      report('ok', 'bound 127.0.0.1:${port}, closed again');
      server.close();
    });`;
  // cwd '/': a child running as nobody may not be allowed into this checkout.
  const options = { timeout: 5_000, ...(asUser === undefined ? {} : { ...asUser, cwd: '/' }) };
  try {
    const { stdout } = await run(process.execPath, ['-e', code], options);
    return JSON.parse(stdout) as ListenAttempt;
  } catch (error) {
    const { code: failure = 'ERROR', message } = error as NodeJS.ErrnoException;
    return { code: failure, message: `could not run the attempt: ${message.split('\n')[0]}` };
  }
}
