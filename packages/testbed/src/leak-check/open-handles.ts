// Naming the objects behind open handles ("TCP socket 127.0.0.1:50112 → 127.0.0.1:41234"), so a
// leak report says which socket was left open, not only how many.
import { ChildProcess } from 'node:child_process';
import dgram from 'node:dgram';
import net from 'node:net';

/**
 * process._getActiveHandles() is undocumented (the documented getActiveResourcesInfo() gives
 * only names), but it has existed in every Node release and returns the JavaScript objects
 * (net.Socket, net.Server, ChildProcess, ...). It is used only to describe a leak the documented
 * API already found; where it is missing, the report falls back to the names.
 */
interface ProcessWithHandles {
  _getActiveHandles?: () => unknown[];
}

/**
 * The objects that own the process's open handles right now, or [] where Node does not say.
 *
 * @example
 * const before = new Set(openHandleObjects());
 * // ... a test runs ...
 * const opened = openHandleObjects().filter((handle) => !before.has(handle));
 */
export function openHandleObjects(): unknown[] {
  const list = (process as ProcessWithHandles)._getActiveHandles;
  return typeof list === 'function' ? list.call(process) : [];
}

/**
 * One line about a handle's owner: what it is and its addresses, or undefined for objects that
 * are not network handles (a timer, a terminal).
 *
 * @example
 * describeHandle(server) // 'TCP server listening on 127.0.0.1:41234'
 * describeHandle(child)  // "child process 4242 (sleep 60)"
 */
export function describeHandle(handle: unknown): string | undefined {
  if (handle instanceof net.Server) {
    const address = handle.address();
    if (address === null) return 'TCP server (not listening yet)';
    return typeof address === 'string'
      ? `server on ${address}`
      : `TCP server listening on ${hostPort(address.address, address.port)}`;
  }
  if (handle instanceof net.Socket) {
    const { localAddress, localPort, remoteAddress, remotePort } = handle;
    if (remoteAddress !== undefined && localAddress !== undefined) {
      return `TCP socket ${hostPort(localAddress, localPort)} → ${hostPort(remoteAddress, remotePort)}`;
    }
    if (handle.connecting) return 'TCP socket still connecting';
    // Child process stdio and IPC channels are sockets over pipes: no addresses.
    return localAddress === undefined ? 'pipe (a child process stdio or IPC channel)' : undefined;
  }
  if (handle instanceof dgram.Socket) {
    try {
      const { address, port } = handle.address();
      return `UDP socket bound to ${hostPort(address, port)}`;
    } catch {
      return 'UDP socket (not bound yet)';
    }
  }
  if (handle instanceof ChildProcess) {
    const command = handle.spawnargs.join(' ');
    return `child process ${handle.pid ?? '(not started)'} (${command.slice(0, 80)})`;
  }
  return undefined;
}

function hostPort(host: string, port: number | undefined): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}
