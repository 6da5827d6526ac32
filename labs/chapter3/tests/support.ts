// Shared by the graded tests (not graded itself): the grader's view of the TCP connects an
// exercise makes. It wraps net.Socket's connect and destroy, so it sees every connect, whether it
// comes from net.connect, socket-core or a socket of your own.
import net from 'node:net';
import { onTestFinished } from 'vitest';

export interface WatchOptions {
  /**
   * Connects to these ports go to the mapped ports instead: the grader's own listeners stand in
   * for well-known ports (22, 80, ...), so no test ever binds a fixed port.
   */
  redirect?: ReadonlyMap<number, number>;
  /**
   * Connects to these ports are made from the same port of 127.0.0.1, so TCP connects the socket
   * to itself (a "self-connect": it looks open, and nobody listens there).
   */
  selfConnect?: ReadonlySet<number>;
  /** Let no connect through: each fails at once with ECONNREFUSED (for hosts that must be refused). */
  blockAll?: boolean;
}

export interface ConnectWatch {
  /** connect() calls seen. */
  readonly started: number;
  /** The most sockets in flight at one moment. */
  readonly most: number;
  /** Sockets connected and not yet destroyed, right now. */
  readonly live: number;
  /** How long each probe of `port` was in flight, in ms (from connect() to destroy()). */
  durations(port: number): number[];
}

/** The { host, port } a connect() call asks for, in any of the forms net.Socket#connect takes. */
function target(args: unknown[]): { host?: string; port?: number } {
  const [first, second] = args;
  // net.connect(options) hands Socket#connect an array [options, callback].
  const options = Array.isArray(first) ? first[0] : first;
  if (typeof options === 'object' && options !== null) return options;
  return { port: Number(options), host: typeof second === 'string' ? second : undefined };
}

/** Changes the options of a connect() call, whatever form its arguments take. */
function rewrite(args: unknown[], changes: Record<string, unknown>): void {
  const [first] = args;
  if (Array.isArray(first)) first[0] = { ...first[0], ...changes };
  else args.splice(0, args.length, { ...target(args), ...changes });
}

/**
 * Watches (and, with options, steers) every TCP connect until the end of the calling test.
 *
 * @example
 * const sockets = watchConnects();
 * await scanPorts('127.0.0.1', ports, { concurrency: 6, timeoutMs: 2_000 });
 * expect(sockets.most).toBeLessThanOrEqual(6);
 */
export function watchConnects(options: WatchOptions = {}): ConnectWatch {
  const proto = net.Socket.prototype;
  const { connect, destroy } = proto;
  const live = new Map<net.Socket, { port: number; since: number }>();
  const finished: Array<{ port: number; ms: number }> = [];
  let started = 0;
  let most = 0;
  proto.connect = function (this: net.Socket, ...args: unknown[]) {
    const { host, port = 0 } = target(args);
    started += 1;
    live.set(this, { port, since: performance.now() });
    most = Math.max(most, live.size);
    if (options.blockAll) {
      const refused = new Error(`connect ECONNREFUSED ${host}:${port} (blocked by the grader)`);
      process.nextTick(() => this.destroy(Object.assign(refused, { code: 'ECONNREFUSED' })));
      return this;
    }
    const stand = options.redirect?.get(port);
    if (stand !== undefined) rewrite(args, { port: stand });
    if (options.selfConnect?.has(port))
      rewrite(args, { localAddress: '127.0.0.1', localPort: port });
    return Reflect.apply(connect, this, args);
  } as typeof proto.connect;
  proto.destroy = function (this: net.Socket, ...args: unknown[]) {
    const probe = live.get(this);
    if (probe !== undefined)
      finished.push({ port: probe.port, ms: performance.now() - probe.since });
    live.delete(this);
    return Reflect.apply(destroy, this, args);
  } as typeof proto.destroy;
  onTestFinished(() => {
    proto.connect = connect;
    proto.destroy = destroy;
  });
  return {
    get started() {
      return started;
    },
    get most() {
      return most;
    },
    get live() {
      return live.size;
    },
    durations: (port) => finished.filter((f) => f.port === port).map((f) => f.ms),
  };
}
