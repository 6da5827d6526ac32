// What a test process's leak check cannot see with process.getActiveResourcesInfo() alone,
// tracked from inside the process (worker-setup.ts installs this before any exercise code):
//  - servers and sockets the student's code unref()'d: an unref'd handle is left out of that
//    list, yet it is as open as any other (a server still accepts, a socket still holds a port);
//  - child processes: each is started in its own process group (`detached`), so that the grader
//    can end it with everything it started, and one still running after the tests is a leak.
import { ChildProcess } from 'node:child_process';
import dgram from 'node:dgram';
import net from 'node:net';
import { describeHandle } from '@netprog/testbed/leak-check';

type Closable = net.Server | net.Socket | dgram.Socket;

export interface HandleTracker {
  /** Servers and sockets unref()'d by the code and still open, described. */
  openUnrefd(): string[];
  /** Child processes started by the code that have not exited. */
  runningChildren(): ChildProcess[];
}

/**
 * Starts tracking; `onSpawn` is told about every new child process (the heartbeat lists them,
 * so the watchdog can kill them with a process it kills).
 * @example
 * const handles = trackHandles(() => writeHeartbeat());
 * handles.openUnrefd(); // ['TCP server listening on 127.0.0.1:40123']
 */
export function trackHandles(onSpawn: () => void): HandleTracker {
  const unrefd = new Set<Closable>();
  for (const proto of [net.Server.prototype, net.Socket.prototype, dgram.Socket.prototype]) {
    const { ref, unref } = proto as { ref(): unknown; unref(): unknown };
    Object.assign(proto, {
      unref(this: Closable) {
        if (!unrefd.has(this)) {
          unrefd.add(this);
          this.once('close', () => unrefd.delete(this));
        }
        return unref.call(this);
      },
      ref(this: Closable) {
        unrefd.delete(this);
        return ref.call(this);
      },
    });
  }

  const children = new Set<ChildProcess>();
  // spawn, exec, execFile and fork all start their process with ChildProcess#spawn, which
  // @types/node does not declare: it takes the normalised options.
  const proto = ChildProcess.prototype as unknown as {
    spawn(this: ChildProcess, options: { detached?: boolean }): unknown;
  };
  const spawn = proto.spawn;
  proto.spawn = function (this: ChildProcess, options) {
    const result = spawn.call(this, { ...options, detached: true });
    if (this.pid !== undefined) {
      children.add(this);
      onSpawn();
    }
    return result;
  };

  return {
    openUnrefd: () =>
      [...unrefd]
        .filter(isOpen)
        .map((handle) => describeHandle(handle))
        .filter((text): text is string => text !== undefined && !text.startsWith('pipe')),
    runningChildren: () =>
      [...children].filter((child) => child.exitCode === null && child.signalCode === null),
  };
}

function isOpen(handle: Closable): boolean {
  if (handle instanceof net.Server) return handle.listening;
  if (handle instanceof net.Socket) return !handle.destroyed;
  return true; // a UDP socket leaves the set on 'close'
}

/**
 * Kills a child process and its process group (whatever it started in turn).
 * @example
 * killChild(child);
 */
export function killChild(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL'); // not a group leader after all (started before tracking)
  }
}
