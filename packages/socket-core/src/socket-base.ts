// What every socket has, TCP or UDP: a family and a type, a timeout, a state that changes only
// through its transition table, and the calls that look at nothing else (settimeout, fileno,
// the Python-like repr, `await using`). Socket (TCP) and DatagramSocket (UDP) extend it, the way
// CPython's socket.socket extends _socket.socket and CS144's TCPSocket and UDPSocket extend
// Socket. It is internal: the package exports the two classes, not this one.
import util from 'node:util';
import { resolveBindAddress, validateSockAddr } from './address.ts';
import { closedError, SocketTimeoutError, stateError } from './errors.ts';
import { formatSocket } from './repr.ts';
import { StateMachine, type Transitions } from './state-machine.ts';
import { getdefaulttimeout, validateTimeout } from './timeouts.ts';
import type { Family, SockAddr, SockType } from './types.ts';

const FAMILIES: readonly Family[] = ['AF_INET', 'AF_INET6'];
const TYPES: readonly SockType[] = ['SOCK_STREAM', 'SOCK_DGRAM'];

/**
 * Throws a TypeError unless `family` is AF_INET or AF_INET6; `caller` names the call in the
 * message, e.g. "socket()".
 *
 * @example
 * checkSocketFamily('AF_UNIX', 'socket()'); // throws: "socket(): family must be 'AF_INET' or 'AF_INET6'; got 'AF_UNIX'"
 */
export function checkSocketFamily(family: unknown, caller: string): asserts family is Family {
  if (!FAMILIES.includes(family as Family)) {
    throw new TypeError(
      `${caller}: family must be 'AF_INET' or 'AF_INET6'; got ${util.inspect(family)}`,
    );
  }
}

/**
 * Throws a TypeError unless `type` is SOCK_STREAM or SOCK_DGRAM.
 *
 * @example
 * checkSocketType('SOCK_RAW'); // throws: "socket(): type must be 'SOCK_STREAM' or 'SOCK_DGRAM'; got 'SOCK_RAW'"
 */
export function checkSocketType(type: unknown): asserts type is SockType {
  if (!TYPES.includes(type as SockType)) {
    throw new TypeError(
      `socket(): type must be 'SOCK_STREAM' or 'SOCK_DGRAM'; got ${util.inspect(type)}`,
    );
  }
}

/**
 * The shell both socket classes share. `S` is the class's states and `E` its events; both
 * classes have a 'connected' and a 'closed' state.
 */
export abstract class SocketBase<S extends string, E extends string> implements AsyncDisposable {
  /** Address family: AF_INET (IPv4) or AF_INET6 (IPv6). */
  readonly family: Family;
  /** SOCK_STREAM for a Socket (TCP), SOCK_DGRAM for a DatagramSocket (UDP). */
  abstract readonly type: SockType;

  readonly #machine: StateMachine<S, E>;
  #timeout: number | null;

  /**
   * Checks the family (`caller` names the call in the error) and starts in `initial` with the
   * default timeout (getdefaulttimeout()).
   */
  protected constructor(
    family: Family,
    caller: string,
    transitions: Transitions<S, E>,
    initial: S,
  ) {
    checkSocketFamily(family, caller);
    this.family = family;
    this.#machine = new StateMachine(`${this.constructor.name} state`, transitions, initial);
    this.#timeout = getdefaulttimeout();
  }

  /**
   * Where the socket is in its life (SocketState for TCP, DatagramState for UDP). Not part of
   * the Berkeley API: the kernel keeps this state without showing it; here it is visible so that
   * a call made in the wrong order can say which state the socket was in.
   */
  get state(): S {
    return this.#machine.state;
  }

  /** The OS file descriptor, or -1 while Node holds no OS socket for it. */
  abstract get fd(): number;

  /** The local address (Python's `getsockname`). */
  abstract getsockname(): SockAddr;

  /** The connected peer's address (Python's `getpeername`); ENOTCONN unless connected. */
  abstract getpeername(): SockAddr;

  /** Closes the socket (Python's `close`); closing twice is fine. */
  abstract close(): Promise<void>;

  /** Python's name for `fd`. */
  fileno(): number {
    return this.fd;
  }

  /**
   * Sets the timeout for this socket's calls, in MILLISECONDS (Python's `settimeout` takes
   * seconds): null waits forever (blocking), 0 makes calls fail at once instead of waiting
   * (non-blocking), a positive number is the time limit for each call. It is a limit per call
   * (per recv, per accept), not Node's idle timer (socket.setTimeout), which only emits an event.
   *
   * @example
   * const s = socket();
   * s.settimeout(1_500); // Python: s.settimeout(1.5)
   */
  settimeout(ms: number | null): void {
    this.#timeout = validateTimeout(ms, 'settimeout');
  }

  /** The timeout in milliseconds, or null when calls wait forever (see settimeout). */
  gettimeout(): number | null {
    return this.#timeout;
  }

  /**
   * setblocking(true) is settimeout(null); setblocking(false) is settimeout(0), as in Python.
   *
   * @example
   * const s = socket();
   * s.setblocking(false);
   * console.log(s.gettimeout()); // 0
   */
  setblocking(flag: boolean): void {
    this.settimeout(flag ? null : 0);
  }

  /**
   * A readable form, like Python's repr:
   * `<socket fd=3 family=AF_INET type=SOCK_STREAM laddr=('127.0.0.1', 54321) raddr=('127.0.0.1', 8080)>`.
   * console.log() of a socket prints the same.
   *
   * @example
   * console.log(String(socket())); // "<socket fd=-1 family=AF_INET type=SOCK_STREAM laddr=('0.0.0.0', 0)>"
   */
  toString(): string {
    const closed = this.isClosed();
    return formatSocket({
      fd: this.fd,
      family: this.family,
      type: this.type,
      closed,
      laddr: closed ? undefined : this.getsockname(),
      raddr: this.state === 'connected' ? this.getpeername() : undefined,
    });
  }

  /** console.log() and util.inspect() show the same text as toString(). */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }

  /** Closes the socket at the end of an `await using` block, even when the block threw. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  /**
   * What bind() does before it records or binds: checks the socket is open and `address` well
   * formed, then resolves it within the family. `requireUnbound` throws if the socket is already
   * bound; it runs again after the lookup, which may have taken a while.
   */
  protected async bindAddress(address: SockAddr, requireUnbound: () => void): Promise<SockAddr> {
    this.requireOpen('bind');
    const requested = validateSockAddr(address, 'bind');
    requireUnbound();
    const resolved = await resolveBindAddress(requested, this.family);
    this.requireOpen('bind');
    requireUnbound();
    return resolved;
  }

  /**
   * getpeername()'s answer: `remote` while connected; otherwise ENOTCONN, saying the state and
   * then `hint` (how this kind of socket gets a peer).
   */
  protected connectedPeer(remote: SockAddr | undefined, hint: string): SockAddr {
    this.requireOpen('getpeername');
    if (this.state === 'connected' && remote) return remote;
    throw stateError(
      'ENOTCONN',
      'getpeername',
      `the socket is ${this.state}, not connected: ${hint}`,
    );
  }

  /** The one way a socket changes state: `event`, looked up in the class's transition table. */
  protected move(event: E): void {
    this.#machine.apply(event);
  }

  /** A method, not an inline test, because close() may run while another call awaits. */
  protected isClosed(): boolean {
    return this.state === 'closed';
  }

  /** Throws EBADF, naming `syscall`, once the socket is closed. */
  protected requireOpen(syscall: string): void {
    if (this.isClosed()) throw closedError(syscall);
  }

  /** The error for a call that waited the socket's whole timeout. */
  protected timeoutError(syscall: string, address?: SockAddr): SocketTimeoutError {
    return new SocketTimeoutError({ syscall, timeoutMs: this.#timeout ?? 0, address });
  }
}
