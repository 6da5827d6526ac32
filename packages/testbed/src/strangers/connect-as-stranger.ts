// Another process connecting to a fixture, on purpose: what a port scanner in another test file
// does by accident. For tests of the fixtures' stranger filter (fixtures/stranger.ts), which must
// leave what a test records and shows as if the stranger never came.
//
// The stranger must not be a descendant of the test process (a child process is the test's own:
// tests run examples that way), so it is a grandchild whose parent exits first: the kernel then
// hands it to init or a subreaper, on another branch of the process tree. It keeps the test's
// pipes, which is how the test tells it when to connect and hears what happened.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

/** A process on another branch of the process tree, connected to a port of 127.0.0.1. */
export interface Stranger extends AsyncDisposable {
  /** Its pid. */
  readonly pid: number;
  /** The local port of its connection, as the fixture sees it as the remote port. */
  readonly localPort: number;
  /**
   * Resolves once the server ended the stranger's connection: 'end' (a FIN), 'reset' (an RST) or
   * 'close' (the socket closed without either being seen first).
   */
  readonly closedByServer: Promise<string>;
  /**
   * Waits until the stranger has exited: at once when the server has closed its connection (it
   * exits then by itself), else after ending it (SIGTERM: it is ours to stop).
   */
  close(): Promise<void>;
}

// The grandchild: waits until its parent is gone (its stdin, a pipe from the parent, ends when
// the parent exits), connects, says so, reports how the server ended the connection and exits.
// 20 s bounds it when the server keeps the connection and the test that started it is gone.
// The end of stdin is not enough: an exiting process closes its files BEFORE the kernel hands its
// children to their new parent, so a connect made at once could still come from the test's
// grandchild, which the fixture rightly counts as the test's own (this failed once in CI, under
// load). No event says "reparented", so it reads its parent each millisecond until it changed
// (from /proc/self/stat: Node's process.ppid is read once, at start-up).
const STRANGER = `
const fs = require('node:fs');
const net = require('node:net');
const port = Number(process.argv[1]);
// The parent's pid comes as an argument: read here, it could already be the new parent's.
const firstParent = process.argv[2];
const parentNow = () => {
  const stat = fs.readFileSync('/proc/self/stat', 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1];
};
setTimeout(() => process.exit(3), 20000);
process.stdin.resume();
process.stdin.on('end', function whenOrphaned() {
  if (parentNow() === firstParent) return void setTimeout(whenOrphaned, 1);
  const socket = net.connect({ host: '127.0.0.1', port }, () => {
    process.stdout.write('connected ' + socket.localPort + '\\n');
  });
  let how = 'close';
  socket.on('end', () => { how = 'end'; });
  socket.on('error', (error) => {
    if (error.code === 'ECONNRESET') how = 'reset';
    else process.stdout.write('error ' + error.code + '\\n');
  });
  socket.on('close', () => process.stdout.write('closed ' + how + '\\n', () => process.exit(0)));
  socket.resume();
});
`;

// The child: starts the grandchild detached, with a pipe as its stdin and the test's stdout and
// stderr, prints its pid and exits (which closes the pipe: the grandchild's cue).
const PARENT = `
const { spawn } = require('node:child_process');
const child = spawn(process.execPath, ['-e', process.argv[1], process.argv[2], String(process.pid)], {
  stdio: ['pipe', 'inherit', 'inherit'],
  detached: true,
});
child.unref();
process.stdout.write(child.pid + '\\n', () => process.exit(0));
`;

/**
 * Starts a process that is not a descendant of this one and has it connect to 127.0.0.1:`port`.
 * Resolves once it is connected (the server may not have accepted yet: `closedByServer` says
 * when the server turned it away). Rejects after `timeoutMs` (default 10 s) naming the step that
 * did not happen.
 *
 * @example
 * await using stranger = await connectAsStranger(fixture.port);
 * expect(await stranger.closedByServer).toBe('end');
 */
export async function connectAsStranger(port: number, timeoutMs = 10_000): Promise<Stranger> {
  const child = spawn(process.execPath, ['-e', PARENT, STRANGER, String(port)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  let exited = false;
  const stdoutClosed = once(child.stdout, 'close').then(() => {
    exited = true;
  });
  const pending: Array<(line: string) => void> = [];
  const buffered: string[] = [];
  lines.on('line', (line) => {
    const take = pending.shift();
    if (take === undefined) buffered.push(line);
    else take(line);
  });
  const fail = (what: string) =>
    new Error(
      `connectAsStranger: ${what} within ${timeoutMs} ms (port ${port}); is the machine overloaded?`,
    );
  const nextLine = (what: string): Promise<string> => {
    const ready = buffered.shift();
    if (ready !== undefined) return Promise.resolve(ready);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(fail(what)), timeoutMs);
      pending.push((line) => {
        clearTimeout(timer);
        resolve(line);
      });
    });
  };
  let pid = 0;
  let reportedClose = false;
  const close = async (): Promise<void> => {
    // Once it has reported the close it is exiting by itself: a signal then could reach a reused pid.
    if (pid > 0 && !exited && !reportedClose) {
      try {
        process.kill(pid);
      } catch {
        // it had exited already (its 20 s bound)
      }
    }
    // Its exit closes the last write end of our stdout pipe.
    await stdoutClosed;
    lines.close();
  };
  try {
    // It connects only once its parent is gone: off this process's branch of the tree.
    pid = Number(await nextLine('the stranger did not start'));
    const connected = await nextLine('the stranger did not connect');
    const localPort = Number(/^connected (\d+)$/.exec(connected)?.[1] ?? Number.NaN);
    if (!Number.isInteger(localPort)) {
      throw new Error(
        `connectAsStranger: expected "connected <port>", got ${JSON.stringify(connected)}`,
      );
    }
    const closedByServer = nextLine('the server did not close the connection').then((line) => {
      reportedClose = line.startsWith('closed ');
      return line.replace(/^closed /, '');
    });
    closedByServer.catch(() => {}); // a test that never asks must not get an unhandled rejection
    return { pid, localPort, closedByServer, close, [Symbol.asyncDispose]: close };
  } catch (error) {
    await close();
    throw error;
  }
}
