// The Berkeley socket, as a thin state machine over Node's net.Socket and net.Server.
//
// Node has no blocking calls, no accept() and no recv(): a server emits 'connection', a socket
// emits 'data'. This class turns those events back into calls that wait (Promises), with the
// states and errors the kernel would give. Where Node cannot do what the Berkeley API does, the
// doc comment says so and the call either does the nearest honest thing or throws
// UnsupportedError. Nothing is faked.
import net from 'node:net';
import util from 'node:util';
import { anyAddress, checkFamily, resolveBindAddress, validateSockAddr } from './address.ts';
import { toBytes } from './bytes.ts';
import { DatagramSocket } from './dgram/datagram-socket.ts';
import { errnoNumber, isErrnoName } from './errno.ts';
import {
  closedError,
  fromNodeError,
  SocketError,
  SocketTimeoutError,
  stateError,
  UnsupportedError,
} from './errors.ts';
import { handleFd } from './node-handle.ts';
import { reusePortSupport } from './node-support.ts';
import { type ReceiveBuffer, receiveFrom, validateBufsize } from './receive-buffer.ts';
import { formatSocket } from './repr.ts';
import { takeOrWait } from './take-or-wait.ts';
import { getdefaulttimeout, timeoutMode, validateTimeout, withTimeout } from './timeouts.ts';
import type { Family, ShutdownHow, SockAddr, SocketState, SockType } from './types.ts';
import { type Deferred, deferred, firstEvent, Notifier, untilSettled } from './waiting.ts';

/** The socket options setsockopt() can set: the ones Node lets a program influence at all. */
export type SocketOption =
  | 'SO_REUSEADDR'
  | 'SO_REUSEPORT'
  | 'IPV6_V6ONLY'
  | 'TCP_NODELAY'
  | 'SO_KEEPALIVE';

/** Python's default backlog: min(SOMAXCONN, 128). Node's own default would be 511. */
export const DEFAULT_BACKLOG = 128;

const FAMILIES: readonly Family[] = ['AF_INET', 'AF_INET6'];
const TYPES: readonly SockType[] = ['SOCK_STREAM', 'SOCK_DGRAM'];
const SHUTDOWN_HOWS: readonly ShutdownHow[] = ['SHUT_RD', 'SHUT_WR', 'SHUT_RDWR'];

/**
 * A Berkeley socket: socket, bind, listen, accept, connect, send, recv, shutdown, close.
 * Every call that can wait returns a Promise and obeys the socket's timeout (settimeout):
 * null waits forever, 0 never waits (EAGAIN / EINPROGRESS), a positive number of milliseconds
 * is a time limit after which the call rejects with SocketTimeoutError.
 *
 * @example
 * await using server = socket();
 * await server.bind(['127.0.0.1', 0]);
 * await server.listen();
 * await using client = socket();
 * await client.connect(server.getsockname());
 * const [conn] = await server.accept();
 * await client.sendAll('hi');
 * console.log((await conn.recv(1024)).toString()); // 'hi'
 * await conn.close();
 */
export class Socket implements AsyncDisposable {
  /** Address family: AF_INET (IPv4) or AF_INET6 (IPv6). */
  readonly family: Family;
  /** Always SOCK_STREAM: this class is TCP. UDP is a DatagramSocket (see socket()). */
  readonly type = 'SOCK_STREAM' as const;

  #state: SocketState = 'fresh';
  #timeout: number | null;
  /** What bind() recorded; Node binds for real in listen() or connect(). */
  #bound: SockAddr | undefined;
  readonly #options = {
    reusePort: false,
    ipv6Only: undefined as boolean | undefined,
    noDelay: false,
    keepAlive: false,
  };

  // While listening.
  #server: net.Server | undefined;
  #listening: Promise<unknown> | undefined;
  /** Connections Node has accepted from the kernel that accept() has not handed out yet. */
  readonly #acceptQueue: Socket[] = [];
  readonly #acceptReady = new Notifier();
  #acceptError: SocketError | undefined;
  /** Every connection this listener produced that is still open, handed out or not. */
  readonly #children = new Set<net.Socket>();

  // While connecting or connected.
  #stream: net.Socket | undefined;
  #received: ReceiveBuffer | undefined;
  #attempt: Deferred<void> | undefined;
  #local: SockAddr | undefined;
  #remote: SockAddr | undefined;
  #readShut = false;
  #writeShut = false;
  /** An error that happened while nobody was waiting, reported by the next call (SO_ERROR). */
  #pendingError: SocketError | undefined;
  /** Node errors already reported to a caller, so the 'error' event does not report them twice. */
  readonly #reported = new WeakSet<Error>();

  /**
   * Creates a TCP socket (Python's `socket.socket(family, SOCK_STREAM)`). It starts with the
   * default timeout (getdefaulttimeout()). Unlike socket(2), no OS socket exists yet: Node
   * creates one in listen() or connect(), so `fd` is -1 until then.
   *
   * This class is TCP only. Asking it for SOCK_DGRAM throws a TypeError instead of handing back
   * a TCP socket labelled UDP: call `socket(family, 'SOCK_DGRAM')` (or `udpSocket(family)`),
   * which returns a DatagramSocket.
   *
   * @example
   * const s = new Socket('AF_INET', 'SOCK_STREAM');
   * console.log(String(s)); // "<socket fd=-1 family=AF_INET type=SOCK_STREAM laddr=('0.0.0.0', 0)>"
   */
  constructor(family: Family = 'AF_INET', type: 'SOCK_STREAM' = 'SOCK_STREAM') {
    checkSocketFamily(family);
    // The parameter's type already rules SOCK_DGRAM out; this catches JavaScript callers and casts.
    if ((type as SockType) === 'SOCK_DGRAM') {
      throw new TypeError(
        "new Socket(family, 'SOCK_DGRAM'): the Socket class is TCP (SOCK_STREAM) only. For UDP " +
          "call socket(family, 'SOCK_DGRAM') or udpSocket(family): both return a DatagramSocket.",
      );
    }
    checkSocketType(type);
    this.family = family;
    this.#timeout = getdefaulttimeout();
  }

  /**
   * Where the socket is in its life: fresh, bound, listening, connecting, connected or closed.
   * (Not part of the Berkeley API; the kernel keeps this state without showing it.)
   *
   * @example
   * console.log(socket().state); // 'fresh'
   */
  get state(): SocketState {
    return this.#state;
  }

  /**
   * The OS file descriptor, or -1 when Node holds no OS socket for it: before listen()/connect()
   * (Node creates the OS socket there, while socket(2) would have made one at once), while a
   * connect is still starting, after close(), and once Node has released a connection that both
   * sides closed.
   *
   * @example
   * await server.listen();
   * console.log(server.fd); // e.g. 21, the number lsof shows
   */
  get fd(): number {
    if (this.#state === 'listening') return handleFd(this.#server);
    if (this.#state === 'connecting' || this.#state === 'connected') return handleFd(this.#stream);
    return -1;
  }

  /**
   * Python's name for `fd`.
   *
   * @example
   * console.log(sock.fileno() === sock.fd); // true
   */
  fileno(): number {
    return this.fd;
  }

  /**
   * Records the local address for a later listen() or connect() (Python's `bind`). '' means
   * every interface ('0.0.0.0' or '::'), port 0 lets the kernel choose, and a host name is
   * resolved within the socket's family.
   *
   * What Node cannot do: bind a TCP socket without also listening or connecting. Node performs
   * bind(2) inside listen() (bind and listen in one call) and inside connect() (localAddress and
   * localPort). So here bind() only checks and records the address; errors such as EADDRINUSE
   * or EACCES appear from listen() or connect(), and with port 0 getsockname() shows port 0
   * until then.
   *
   * @example
   * const s = socket();
   * await s.bind(['127.0.0.1', 0]);
   * await s.listen();
   * console.log(s.getsockname()); // ['127.0.0.1', 43121]: the kernel chose the port in listen()
   */
  async bind(address: SockAddr): Promise<void> {
    this.#requireOpen('bind');
    const requested = validateSockAddr(address, 'bind');
    this.#requireUnbound();
    const resolved = await resolveBindAddress(requested, this.family);
    this.#requireOpen('bind');
    this.#requireUnbound();
    this.#bound = resolved;
    this.#state = 'bound';
  }

  /**
   * Makes this a listening socket (Python's `listen`) with the address bind() recorded, or any
   * address and a kernel-chosen port if bind() was not called. `backlog` (default 128, as in
   * Python) is how many completed connections the kernel may queue for accept().
   *
   * What Node cannot do:
   * - listen(2) without bind(2): Node does both here (`server.listen({ host, port, backlog })`),
   *   so bind errors (EADDRINUSE, EACCES, EADDRNOTAVAIL) are reported by listen().
   * - backlog 0: Node turns 0 into 511 (`backlog || 511`), so 0 is sent as 1, the smallest value
   *   Node passes through. A negative backlog counts as 0, as in Python.
   * - a full backlog while your program runs: Node accepts every connection from the kernel as
   *   soon as it arrives and queues it in user space for accept(); the kernel's queue only fills
   *   when the event loop is blocked.
   * - calling listen() again to change the backlog: throws UnsupportedError.
   *
   * @example
   * const s = socket();
   * await s.bind(['127.0.0.1', 0]);
   * await s.listen(16);
   */
  async listen(backlog: number = DEFAULT_BACKLOG): Promise<void> {
    this.#requireOpen('listen');
    const queueLength = normaliseBacklog(backlog);
    if (this.#state === 'listening') {
      throw new UnsupportedError(
        'listen(): this socket is already listening. The kernel would only change the backlog, ' +
          'but Node cannot change the backlog of a listening server: close it and listen again.',
      );
    }
    if (this.#state !== 'fresh' && this.#state !== 'bound') {
      throw stateError(
        'EINVAL',
        'listen',
        `the socket is ${this.#state}; only a socket that is not connected can listen: create a new socket`,
      );
    }
    const [host, port] = this.#bound ?? [anyAddress(this.family), 0];
    const server = net.createServer({ allowHalfOpen: true, pauseOnConnect: true });
    server.on('connection', (stream) => this.#onConnection(stream));
    this.#server = server;
    this.#state = 'listening';
    const listening = startListening(server, {
      host,
      port,
      backlog: queueLength,
      // A real bind of our own even inside a cluster worker (no handle shared via the primary).
      exclusive: true,
      ...(this.#options.ipv6Only !== undefined ? { ipv6Only: this.#options.ipv6Only } : {}),
      ...(this.#options.reusePort ? { reusePort: true } : {}),
    });
    this.#listening = listening.catch(() => {});
    try {
      await listening;
    } catch (error) {
      if (this.#isClosed()) throw closedError('listen');
      this.#server = undefined;
      this.#state = this.#bound ? 'bound' : 'fresh';
      this.#acceptReady.notify();
      throw fromNodeError(error, { syscall: 'listen', address: [host, port] });
    }
    // After listening, Node reports accept(2) failures (EMFILE...) as 'error' on the server.
    if (this.#isClosed()) throw closedError('listen');
    server.on('error', (error) => {
      this.#acceptError = fromNodeError(error, { syscall: 'accept' });
      this.#acceptReady.notify();
    });
  }

  /**
   * Waits for a connection and returns `[connectedSocket, peerAddress]` (Python's `accept`).
   * In non-blocking mode (timeout 0) it rejects with EAGAIN when no connection is waiting; with
   * a timeout it rejects with SocketTimeoutError.
   *
   * Timeout inheritance: the accepted socket starts with getdefaulttimeout(), never with this
   * listening socket's own timeout. That is Python's documented rule (CPython's accept() makes
   * the new socket with the default timeout, and forces blocking mode when there is no default
   * and the listener had a timeout). For a non-blocking listener with no default Python calls
   * the result OS-dependent; Linux's accept() does not copy O_NONBLOCK, so the accepted socket
   * blocks, and that is what happens here on every OS.
   *
   * @example
   * const [conn, [host, port]] = await server.accept();
   * console.log(`connection from ${host}:${port}`, String(conn));
   */
  accept(): Promise<[Socket, SockAddr]> {
    return takeOrWait({
      syscall: 'accept',
      missing: 'no connection is waiting',
      timeout: this.#timeout,
      take: () => this.#takeAccepted(),
      changed: (signal) => this.#acceptReady.wait(signal),
      timedOut: () => this.#timeoutError('accept'),
    });
  }

  /**
   * Connects to `address` (Python's `connect`). Resolves when the TCP handshake is complete;
   * rejects with SocketError (ECONNREFUSED, ENETUNREACH...) or, when the socket's timeout
   * expires first, with SocketTimeoutError. In non-blocking mode (timeout 0) it starts the
   * connection and rejects with EINPROGRESS at once; recv/send then wait for it, and a second
   * connect() reports EALREADY while it runs, EISCONN once connected, or the error it ended with.
   *
   * After a failure or a timeout the socket is unconnected again and may connect again. (On a
   * timeout Linux would keep the SYN in flight and answer a second connect() with EALREADY; here
   * the attempt is destroyed so that nothing keeps running behind your back.)
   *
   * Host names are resolved within the socket's family, and only one address is tried (no
   * "happy eyeballs"); createConnection() tries every address.
   *
   * @example
   * const s = socket();
   * s.settimeout(2_000);
   * await s.connect(['127.0.0.1', 8080]);
   */
  async connect(address: SockAddr): Promise<void> {
    const target = this.#connectTarget(address, 'connect');
    await this.#connectTo(target);
  }

  /**
   * Like connect(), but resolves to 0 on success or to the errno number on failure, instead of
   * rejecting (Python's `connect_ex`). Useful for port scanners: 0 is open, ECONNREFUSED closed.
   *
   * A timeout returns EAGAIN's number (11 on Linux, 35 on macOS), exactly what CPython returns:
   * its connect_ex reports the errno of the wait that ran out, and a timed-out wait says "would
   * block", not ETIMEDOUT. (ETIMEDOUT comes only when the kernel itself gives up on the SYNs.)
   * Non-blocking mode returns EINPROGRESS, then EALREADY, then EISCONN or the failure's errno.
   *
   * It still throws for mistakes that are not connection failures: a malformed address, an IPv6
   * address on an AF_INET socket, or a name that does not resolve (Python raises gaierror there).
   *
   * @example
   * const result = await socket().connectEx(['127.0.0.1', 9]);
   * console.log(result === 0 ? 'open' : errnoName(result)); // 'ECONNREFUSED'
   */
  async connectEx(address: SockAddr): Promise<number> {
    const target = this.#connectTarget(address, 'connect_ex');
    try {
      await this.#connectTo(target);
      return 0;
    } catch (error) {
      if (error instanceof SocketTimeoutError) return errnoNumber('EAGAIN');
      if (error instanceof SocketError && isErrnoName(error.code)) return error.errno;
      throw error;
    }
  }

  /**
   * Sends bytes and resolves with how many were accepted (Python's `send`). A string is sent as
   * UTF-8. It waits only while Node's send queue for this socket is full, then hands over all the
   * bytes: Node never reports a partial write, so the result is always the whole length. (Python's
   * send may accept fewer bytes than given; write loops still work unchanged.) Use sendAll() to
   * wait until the bytes have reached the kernel.
   *
   * Non-blocking mode rejects with EAGAIN while Node's queue is full (the nearest thing Node has
   * to a full send buffer). Errors: ENOTCONN before connecting, EPIPE after shutdown(SHUT_WR) or
   * once the connection is gone, ECONNRESET when the peer reset it.
   *
   * @example
   * const sent = await conn.send('hello');
   * console.log(sent); // 5
   */
  async send(data: Uint8Array | string): Promise<number> {
    const bytes = toBytes(data, 'send');
    if (timeoutMode(this.#timeout) === 'non-blocking') {
      const stream = this.#writableStream('send');
      if (!stream || stream.writableNeedDrain) throw this.#wouldBlockOnSend(stream);
      if (bytes.length > 0) stream.write(bytes);
      return bytes.length;
    }
    return withTimeout(
      this.#timeout,
      async (signal) => {
        const stream = await this.#streamWithRoom('send', signal);
        if (bytes.length > 0) stream.write(bytes);
        return bytes.length;
      },
      () => this.#timeoutError('send'),
    );
  }

  /**
   * Sends every byte and resolves once all of them have been handed to the kernel (Python's
   * `sendall`). The timeout covers the whole call; after a timeout or an error there is no way to
   * know how much was sent (as in Python). In non-blocking mode it behaves like send().
   *
   * @example
   * await conn.sendAll('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
   */
  async sendAll(data: Uint8Array | string): Promise<void> {
    const bytes = toBytes(data, 'sendAll');
    if (timeoutMode(this.#timeout) === 'non-blocking') {
      await this.send(bytes);
      return;
    }
    await withTimeout(
      this.#timeout,
      async (signal) => {
        const stream = await this.#streamWithRoom('send', signal);
        await this.#writeAndWait(stream, bytes, signal);
      },
      () => this.#timeoutError('send'),
    );
  }

  /**
   * Receives at most `bufsize` bytes (Python's `recv`): whatever has arrived, up to bufsize, as
   * soon as there is at least one byte. An empty Buffer means end of stream: the peer closed its
   * side (FIN), and every later recv() returns empty too. Chunk sizes have nothing to do with
   * the sender's send() calls: TCP is a byte stream without message boundaries.
   *
   * Non-blocking mode rejects with EAGAIN when nothing has arrived (Python's BlockingIOError);
   * a timeout rejects with SocketTimeoutError. A reset connection rejects once with ECONNRESET,
   * then returns empty, as Linux does.
   *
   * @example
   * for (;;) {
   *   const chunk = await conn.recv(4096);
   *   if (chunk.length === 0) break; // peer closed
   *   process.stdout.write(chunk);
   * }
   */
  async recv(bufsize: number): Promise<Buffer> {
    const size = validateBufsize(bufsize, 'recv');
    return takeOrWait({
      syscall: 'recv',
      missing: 'no data has arrived yet',
      timeout: this.#timeout,
      take: () => this.#takeReceived(size),
      // #takeReceived returned nothing, so a receive buffer exists and is still open.
      changed: async (signal) => {
        await this.#received?.changed(signal);
      },
      timedOut: () => this.#timeoutError('recv'),
    });
  }

  /**
   * Shuts down one or both directions of a connection (Python's `shutdown`). SHUT_WR sends FIN
   * after any queued bytes: the peer's recv() then returns empty, while this side can still
   * receive its answer (half-close). SHUT_RD makes recv() return empty once the bytes already
   * received are read; later bytes are discarded. (Linux is odd here and would still deliver
   * them; POSIX says they are discarded.) SHUT_RDWR does both. Throws ENOTCONN unless connected.
   *
   * @example
   * await client.sendAll('request');
   * client.shutdown('SHUT_WR'); // "no more from me"
   * const reply = await client.recv(4096);
   */
  shutdown(how: ShutdownHow): void {
    if (!SHUTDOWN_HOWS.includes(how)) {
      throw new TypeError(
        `shutdown(how): how must be 'SHUT_RD', 'SHUT_WR' or 'SHUT_RDWR'; got ${util.inspect(how)}`,
      );
    }
    this.#requireOpen('shutdown');
    const stream = this.#stream;
    if (this.#state !== 'connected' || !stream) {
      throw stateError(
        'ENOTCONN',
        'shutdown',
        `the socket is ${this.#state}; only a connected socket can be shut down`,
      );
    }
    if (how !== 'SHUT_WR') {
      this.#readShut = true;
      this.#received?.end();
    }
    if (how !== 'SHUT_RD' && !this.#writeShut) {
      this.#writeShut = true;
      stream.end();
    }
  }

  /**
   * Closes the socket (Python's `close`); closing twice is fine. Every later call except close()
   * fails with EBADF, and calls still waiting (accept, recv, connect) reject with EBADF.
   *
   * - A connection is closed at once, which sends FIN, like close(2). If bytes are still queued
   *   in Node (only possible after a non-blocking send), Node keeps the connection until they are
   *   written and then closes it, as the kernel does with its send buffer after close(2); close()
   *   does not wait for that.
   * - A listening socket stops listening. Connections that Node accepted but accept() never took
   *   are reset, as the kernel resets the ones left in its queue. Sockets accept() returned stay
   *   open: they are independent sockets.
   *
   * @example
   * const s = socket();
   * await s.close();
   * console.log(String(s)); // '<socket [closed] fd=-1 family=AF_INET type=SOCK_STREAM>'
   */
  async close(): Promise<void> {
    if (this.#state === 'closed') return;
    this.#state = 'closed';
    const server = this.#server;
    const stream = this.#stream;
    const attempt = this.#attempt;
    this.#server = undefined;
    this.#stream = undefined;
    this.#attempt = undefined;
    this.#pendingError = undefined;
    attempt?.reject(closedError('connect'));
    this.#received?.end();
    this.#acceptReady.notify();
    if (server) await this.#closeServer(server);
    if (stream) await closeStream(stream);
  }

  /**
   * The local address (Python's `getsockname`). Before the OS socket exists it shows what Python
   * shows for a fresh socket, ('0.0.0.0', 0) or ('::', 0), or the address bind() recorded (with
   * port 0 still 0: the kernel picks the port only in listen() or connect()). Throws EBADF after
   * close().
   *
   * @example
   * await server.listen();
   * const [host, port] = server.getsockname(); // ['127.0.0.1', 43121]
   */
  getsockname(): SockAddr {
    this.#requireOpen('getsockname');
    if (this.#state === 'listening') {
      const address = this.#server?.address();
      if (address && typeof address === 'object') return [address.address, address.port];
    }
    if (this.#state === 'connected' && this.#local) return this.#local;
    const stream = this.#stream;
    if (this.#state === 'connecting' && stream) {
      const { localAddress, localPort } = stream;
      if (localAddress !== undefined && localPort !== undefined) return [localAddress, localPort];
    }
    return this.#bound ?? [anyAddress(this.family), 0];
  }

  /**
   * The peer's address (Python's `getpeername`). Throws ENOTCONN unless connected, EBADF after
   * close(). It stays available after the peer has closed, until this socket is closed.
   *
   * @example
   * console.log(client.getpeername()); // ['127.0.0.1', 8080]
   */
  getpeername(): SockAddr {
    this.#requireOpen('getpeername');
    if (this.#state === 'connected' && this.#remote) return this.#remote;
    throw stateError(
      'ENOTCONN',
      'getpeername',
      `the socket is ${this.#state}, not connected: only a connected socket has a peer`,
    );
  }

  /**
   * Sets the timeout for this socket's calls, in MILLISECONDS (Python's `settimeout` takes
   * seconds): null waits forever (blocking), 0 makes calls fail at once instead of waiting
   * (non-blocking), a positive number is the time limit for each call. It is a limit per call
   * (per recv, per accept), not Node's idle timer (socket.setTimeout), which only emits an event.
   *
   * @example
   * s.settimeout(1_500); // Python: s.settimeout(1.5)
   */
  settimeout(ms: number | null): void {
    this.#timeout = validateTimeout(ms, 'settimeout');
  }

  /**
   * The timeout in milliseconds, or null when the socket blocks.
   *
   * @example
   * console.log(socket().gettimeout()); // null, unless setdefaulttimeout() was called
   */
  gettimeout(): number | null {
    return this.#timeout;
  }

  /**
   * setblocking(true) is settimeout(null); setblocking(false) is settimeout(0), as in Python.
   *
   * @example
   * s.setblocking(false);
   * console.log(s.gettimeout()); // 0
   */
  setblocking(flag: boolean): void {
    this.settimeout(flag ? null : 0);
  }

  /**
   * Sets one of the socket options Node lets a program influence (Python's setsockopt with the
   * level implied by the name). Node has no general setsockopt, so only these exist:
   * - SO_REUSEADDR: Node always sets it on listening sockets; true is accepted, false is not.
   * - SO_REUSEPORT: needs Node >= 22.12 on Linux/FreeBSD; elsewhere throws UnsupportedError.
   * - IPV6_V6ONLY (AF_INET6 only): true refuses IPv4 peers; false (Linux's default) is
   *   dual-stack. These two take effect in listen(), where Node creates the OS socket, so they
   *   must be set before it.
   * - TCP_NODELAY (Nagle off) and SO_KEEPALIVE: applied now or when the connection opens.
   *
   * @example
   * const s = socket('AF_INET6');
   * s.setsockopt('IPV6_V6ONLY', true);
   */
  setsockopt(option: SocketOption, value: boolean | number): void {
    this.#requireOpen('setsockopt');
    const on = Boolean(value);
    switch (option) {
      case 'SO_REUSEADDR':
        if (!on) {
          throw new UnsupportedError(
            'setsockopt(SO_REUSEADDR, false): Node always sets SO_REUSEADDR on listening sockets ' +
              'and cannot turn it off.',
          );
        }
        return;
      case 'SO_REUSEPORT': {
        const support = reusePortSupport();
        if (on && !support.supported) {
          throw new UnsupportedError(`setsockopt(SO_REUSEPORT): ${support.reason}.`);
        }
        this.#requireBeforeListen(option);
        this.#options.reusePort = on;
        return;
      }
      case 'IPV6_V6ONLY':
        if (this.family !== 'AF_INET6') {
          throw stateError(
            'ENOPROTOOPT',
            'setsockopt',
            'IPV6_V6ONLY applies to AF_INET6 sockets only',
          );
        }
        this.#requireBeforeListen(option);
        this.#options.ipv6Only = on;
        return;
      case 'TCP_NODELAY':
        this.#options.noDelay = on;
        this.#stream?.setNoDelay(on);
        return;
      case 'SO_KEEPALIVE':
        this.#options.keepAlive = on;
        this.#stream?.setKeepAlive(on);
        return;
      default:
        throw new TypeError(
          `setsockopt(option): expected one of SO_REUSEADDR, SO_REUSEPORT, IPV6_V6ONLY, ` +
            `TCP_NODELAY, SO_KEEPALIVE; got ${util.inspect(option)} (Node exposes no other socket options)`,
        );
    }
  }

  /**
   * A readable form, like Python's repr:
   * `<socket fd=3 family=AF_INET type=SOCK_STREAM laddr=('127.0.0.1', 54321) raddr=('127.0.0.1', 8080)>`.
   * console.log() of a socket prints the same.
   *
   * @example
   * console.log(String(client));
   */
  toString(): string {
    const closed = this.#state === 'closed';
    return formatSocket({
      fd: this.fd,
      family: this.family,
      type: this.type,
      closed,
      laddr: closed ? undefined : this.getsockname(),
      raddr: this.#state === 'connected' ? this.#remote : undefined,
    });
  }

  /**
   * console.log() and util.inspect() show the same text as toString().
   *
   * @example
   * console.log(socket()); // <socket fd=-1 family=AF_INET type=SOCK_STREAM laddr=('0.0.0.0', 0)>
   */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }

  /**
   * Closes the socket at the end of an `await using` block.
   *
   * @example
   * {
   *   await using s = await createConnection(['127.0.0.1', 8080]);
   *   await s.sendAll('hi');
   * } // closed here, even if sendAll threw
   */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  // ---- accepting -------------------------------------------------------------------------

  /** Node accepted a connection from the kernel: queue it for accept(). */
  #onConnection(stream: net.Socket): void {
    const child = Socket.#adopt(this.family, stream);
    if (this.#state !== 'listening') {
      stream.destroy();
      return;
    }
    this.#children.add(stream);
    stream.once('close', () => this.#children.delete(stream));
    this.#acceptQueue.push(child);
    this.#acceptReady.notify();
  }

  /** Wraps a connection Node accepted in a connected Socket (not yet reading: see accept()). */
  static #adopt(family: Family, stream: net.Socket): Socket {
    const socket = new Socket(family);
    // First thing: a peer that resets must never crash the process with an unhandled 'error'.
    stream.on('error', (error) => socket.#onStreamError(stream, error));
    socket.#stream = stream;
    socket.#state = 'connected';
    socket.#local = [stream.localAddress ?? '', stream.localPort ?? 0];
    socket.#remote = [stream.remoteAddress ?? '', stream.remotePort ?? 0];
    // The server uses pauseOnConnect, so until accept() the bytes wait in the kernel.
    socket.#received = receiveFrom(stream);
    return socket;
  }

  /** Takes the next queued connection, or undefined when there is none yet. */
  #takeAccepted(): [Socket, SockAddr] | undefined {
    this.#requireOpen('accept');
    if (this.#state !== 'listening') {
      throw stateError(
        'EINVAL',
        'accept',
        `the socket is ${this.#state}: call listen() first; only a listening socket has connections to accept`,
      );
    }
    const error = this.#acceptError;
    if (error) {
      this.#acceptError = undefined;
      throw error;
    }
    const child = this.#acceptQueue.shift();
    if (!child) return undefined;
    child.#timeout = getdefaulttimeout();
    child.#stream?.resume();
    return [child, child.#remote ?? ['', 0]];
  }

  async #closeServer(server: net.Server): Promise<void> {
    // A listen() still in progress would create the OS socket after we closed: let it finish.
    await this.#listening;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const child of this.#acceptQueue.splice(0)) {
      const stream = child.#stream;
      child.#state = 'closed';
      // Never accepted: the kernel would reset these when the listening socket closes.
      if (stream && !stream.destroyed) stream.resetAndDestroy();
    }
    // Node's 'close' event waits until every connection this server produced has closed, but
    // the ones accept() handed out belong to their own Socket now: wait for it only if none is
    // open. Either way the event does not wait for libuv to release the listening handle.
    const handedOut = [...this.#children].filter((stream) => !stream.destroyed);
    if (handedOut.length === 0) await closed;
    await closeCallbacksHaveRun();
  }

  // ---- connecting ------------------------------------------------------------------------

  /** Validates a connect address before anything starts; these mistakes always throw. */
  #connectTarget(address: SockAddr, caller: string): SockAddr {
    const target = validateSockAddr(address, caller);
    checkFamily(target[0], this.family, 'connect', target[1]);
    return target;
  }

  async #connectTo(target: SockAddr): Promise<void> {
    this.#requireOpen('connect');
    switch (this.#state) {
      case 'listening':
      case 'connected':
        throw stateError(
          'EISCONN',
          'connect',
          `the socket is already ${this.#state}: a socket connects once; create a new socket`,
          target,
        );
      case 'connecting':
        if (timeoutMode(this.#timeout) === 'non-blocking') {
          throw stateError(
            'EALREADY',
            'connect',
            'a connection attempt is already in progress; wait for it (recv and send wait for ' +
              'it unless the socket is non-blocking) or call connect again later',
            target,
          );
        }
        return this.#awaitAttempt(target);
      default: {
        // A non-blocking connect that failed meanwhile reports its error here (SO_ERROR).
        const pending = this.#takePendingError();
        if (pending) throw pending;
        this.#startAttempt(target);
        if (timeoutMode(this.#timeout) === 'non-blocking') {
          throw stateError(
            'EINPROGRESS',
            'connect',
            'the connection was started and continues in the background (non-blocking socket); ' +
              'recv/send after setblocking(true) wait for it, or call connect again to ask how it went',
            target,
          );
        }
        return this.#awaitAttempt(target);
      }
    }
  }

  #startAttempt([host, port]: SockAddr): void {
    const stream = new net.Socket({ allowHalfOpen: true });
    const attempt = deferred<void>();
    // A non-blocking connect may never be awaited: its failure waits in #pendingError instead.
    attempt.promise.catch(() => {});
    stream.on('error', (error) => this.#onStreamError(stream, error));
    stream.once('connect', () => {
      if (this.#stream !== stream) return;
      this.#local = [stream.localAddress ?? '', stream.localPort ?? 0];
      this.#remote = [stream.remoteAddress ?? host, stream.remotePort ?? port];
      this.#state = 'connected';
      this.#attempt = undefined;
      attempt.resolve();
    });
    this.#stream = stream;
    this.#attempt = attempt;
    this.#received = receiveFrom(stream);
    this.#state = 'connecting';
    if (this.#options.noDelay) stream.setNoDelay(true);
    if (this.#options.keepAlive) stream.setKeepAlive(true);
    const local = this.#bound;
    stream.connect({
      host,
      port,
      family: this.family === 'AF_INET6' ? 6 : 4,
      // Berkeley connect() tries one address; createConnection() is where several are tried.
      autoSelectFamily: false,
      ...(local ? { localAddress: local[0], localPort: local[1] } : {}),
    });
  }

  async #awaitAttempt(target: SockAddr): Promise<void> {
    const attempt = this.#attempt;
    if (!attempt) return;
    try {
      await withTimeout(
        this.#timeout,
        (signal) => untilSettled(attempt.promise, signal),
        () => this.#timeoutError('connect', target),
      );
    } catch (error) {
      if (this.#state === 'closed') throw closedError('connect');
      if (error instanceof SocketTimeoutError) {
        this.#abandonAttempt();
        throw error;
      }
      throw this.#takePendingError() ?? error;
    }
  }

  /** Destroys an unfinished connection attempt and makes the socket unconnected again. */
  #abandonAttempt(): void {
    const stream = this.#stream;
    this.#stream = undefined;
    this.#attempt = undefined;
    this.#received?.end();
    this.#received = undefined;
    this.#state = this.#bound ? 'bound' : 'fresh';
    stream?.destroy();
  }

  /** Node's 'error' on a stream: a failed connect, or a connection that broke. */
  #onStreamError(stream: net.Socket, error: Error): void {
    if (this.#stream !== stream || this.#reported.has(error)) return;
    const connecting = this.#state === 'connecting';
    const failure = fromNodeError(error, { syscall: connecting ? 'connect' : berkeleyName(error) });
    this.#pendingError = failure;
    if (connecting) {
      // Like Linux after a failed connect: unconnected again, free to connect once more.
      const attempt = this.#attempt;
      this.#stream = undefined;
      this.#attempt = undefined;
      this.#received?.end();
      this.#received = undefined;
      this.#state = this.#bound ? 'bound' : 'fresh';
      attempt?.reject(failure);
    }
  }

  #takePendingError(): SocketError | undefined {
    const error = this.#pendingError;
    this.#pendingError = undefined;
    return error;
  }

  // ---- receiving and sending -------------------------------------------------------------

  /** Bytes for recv, an empty Buffer at end of stream, or undefined when it must wait. */
  #takeReceived(size: number): Buffer | undefined {
    this.#requireOpen('recv');
    const received = this.#received;
    if ((this.#state !== 'connected' && this.#state !== 'connecting') || !received) {
      throw (
        this.#takePendingError() ??
        stateError('ENOTCONN', 'recv', `the socket is ${this.#state}: connect() or accept() first`)
      );
    }
    const bytes = received.take(size);
    if (bytes === null) return undefined;
    if (bytes.length === 0 && !this.#readShut) {
      // End of stream after an error: report the error once, then plain end of stream.
      const error = this.#takePendingError();
      if (error) throw error;
    }
    return bytes;
  }

  /** The stream to write to, undefined while still connecting, or the error send must report. */
  #writableStream(syscall: string): net.Socket | undefined {
    this.#requireOpen(syscall);
    if (this.#writeShut) {
      throw stateError(
        'EPIPE',
        syscall,
        'this socket was shut down for writing (SHUT_WR): nothing more can be sent',
      );
    }
    const pending = this.#takePendingError();
    if (pending) throw pending;
    if (this.#state === 'connecting') return undefined;
    const stream = this.#stream;
    if (this.#state !== 'connected' || !stream) {
      // Linux answers EPIPE here, macOS and POSIX ENOTCONN; the latter says what is wrong.
      throw stateError(
        'ENOTCONN',
        syscall,
        `the socket is ${this.#state}: connect() or accept() first`,
      );
    }
    if (stream.destroyed || !stream.writable) {
      throw stateError('EPIPE', syscall, 'the connection is closed: nothing more can be sent');
    }
    return stream;
  }

  /** Waits (abortably) until connected and Node's send queue has room; returns the stream. */
  async #streamWithRoom(syscall: string, signal: AbortSignal | undefined): Promise<net.Socket> {
    for (;;) {
      const stream = this.#writableStream(syscall);
      if (!stream) {
        const attempt = this.#attempt;
        if (!attempt) throw stateError('ENOTCONN', syscall, 'the connection attempt was abandoned');
        // A failed attempt leaves its error in #pendingError; the next turn reports it.
        await untilSettled(attempt.promise, signal).catch(rethrowIfAborted(signal));
        continue;
      }
      if (!stream.writableNeedDrain) return stream;
      await firstEvent(stream, ['drain', 'close'], signal);
    }
  }

  /** write() and wait for its callback: Node calls it when the kernel has taken the bytes. */
  #writeAndWait(stream: net.Socket, bytes: Buffer, signal: AbortSignal | undefined): Promise<void> {
    return new Promise((resolve, reject) => {
      const onAbort = (): void => reject(signal?.reason);
      signal?.addEventListener('abort', onAbort, { once: true });
      stream.write(bytes, (error) => {
        signal?.removeEventListener('abort', onAbort);
        if (!error) {
          resolve();
          return;
        }
        // After a timeout nobody hears this rejection: leave the error to the 'error' event.
        if (signal?.aborted) return;
        this.#reported.add(error); // reported here, so the 'error' event must not report it again
        if (this.#state === 'closed') reject(closedError('send'));
        else if (!isErrnoName((error as NodeJS.ErrnoException).code ?? '')) {
          reject(stateError('EPIPE', 'send', 'the connection closed before the bytes were sent'));
        } else reject(fromNodeError(error, { syscall: 'send' }));
      });
    });
  }

  #wouldBlockOnSend(stream: net.Socket | undefined): SocketError {
    const why = stream
      ? "Node's send queue for this socket is full"
      : 'the connection is still being established';
    return stateError(
      'EAGAIN',
      'send',
      `${why} and the socket is non-blocking (timeout 0): try again later`,
    );
  }

  // ---- small checks ----------------------------------------------------------------------

  #requireOpen(syscall: string): void {
    if (this.#isClosed()) throw closedError(syscall);
  }

  /** A method, not an inline test, because close() may run while another call awaits. */
  #isClosed(): boolean {
    return this.#state === 'closed';
  }

  #requireUnbound(): void {
    if (this.#state !== 'fresh') {
      throw stateError(
        'EINVAL',
        'bind',
        `the socket is already ${this.#state}; bind() comes once, before listen() or connect(): create a new socket`,
      );
    }
  }

  #requireBeforeListen(option: SocketOption): void {
    if (this.#state !== 'fresh' && this.#state !== 'bound') {
      throw new UnsupportedError(
        `setsockopt(${option}): Node applies this option only when listen() creates the OS ` +
          `socket, and this socket is already ${this.#state}: set it right after socket().`,
      );
    }
  }

  #timeoutError(syscall: string, address?: SockAddr): SocketTimeoutError {
    return new SocketTimeoutError({ syscall, timeoutMs: this.#timeout ?? 0, address });
  }
}

/**
 * Creates a socket, like Python's `socket.socket(family, type)`: TCP over IPv4 unless told
 * otherwise. The type decides the class, as it decides the protocol in socket(2):
 * `SOCK_STREAM` gives a Socket (TCP: connect, listen, accept, send, recv), `SOCK_DGRAM` a
 * DatagramSocket (UDP: sendto, recvfrom, connect, send, recv). TypeScript knows which one you
 * get from the type you pass.
 *
 * @example
 * const s = socket(); // Socket: AF_INET, SOCK_STREAM
 * const s6 = socket('AF_INET6'); // Socket over IPv6
 * const u = socket('AF_INET', 'SOCK_DGRAM'); // DatagramSocket
 * await u.sendto('ping', ['127.0.0.1', 53000]);
 */
export function socket(family?: Family, type?: 'SOCK_STREAM'): Socket;
export function socket(family: Family | undefined, type: 'SOCK_DGRAM'): DatagramSocket;
export function socket(family?: Family, type?: SockType): Socket | DatagramSocket;
export function socket(
  family: Family = 'AF_INET',
  type: SockType = 'SOCK_STREAM',
): Socket | DatagramSocket {
  // Check both before choosing a class, so a mistake reads the same whichever class it was for.
  checkSocketFamily(family);
  checkSocketType(type);
  return type === 'SOCK_DGRAM' ? new DatagramSocket(family) : new Socket(family);
}

function checkSocketFamily(family: unknown): asserts family is Family {
  if (!FAMILIES.includes(family as Family)) {
    throw new TypeError(
      `socket(): family must be 'AF_INET' or 'AF_INET6'; got ${util.inspect(family)}`,
    );
  }
}

function checkSocketType(type: unknown): asserts type is SockType {
  if (!TYPES.includes(type as SockType)) {
    throw new TypeError(
      `socket(): type must be 'SOCK_STREAM' or 'SOCK_DGRAM'; got ${util.inspect(type)}`,
    );
  }
}

/** Backlog as Node should get it: an integer >= 1 (see Socket.listen for why 0 becomes 1). */
function normaliseBacklog(backlog: number): number {
  if (typeof backlog !== 'number' || !Number.isInteger(backlog)) {
    throw new TypeError(
      `listen(backlog): backlog must be an integer such as 128; got ${util.inspect(backlog)}`,
    );
  }
  return Math.max(1, backlog);
}

/** server.listen() as a Promise: 'listening' resolves, 'error' (EADDRINUSE...) rejects. */
function startListening(
  server: net.Server,
  options: net.ListenOptions & { reusePort?: boolean },
): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => {
      server.off('listening', onListening);
      reject(error);
    };
    const onListening = (): void => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(options);
  });
}

/**
 * Resolves once libuv has run the close callbacks of handles closed before this call. libuv runs
 * them at the end of a loop iteration, after the "check" phase where setImmediate callbacks run;
 * a handle closed during that close phase itself is released at the end of the next iteration.
 * Two nested setImmediates are therefore always later. (A net.Server emits 'close' before this,
 * so without it a closed listener would still show in process.getActiveResourcesInfo().)
 */
function closeCallbacksHaveRun(): Promise<void> {
  return new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
}

/** Destroys a stream and waits for 'close' (its OS socket is released by then). */
async function closeStream(stream: net.Socket): Promise<void> {
  if (!stream.destroyed && !stream.connecting && stream.writableLength > 0) {
    // Bytes still queued in Node: write them, send FIN, then release (see Socket.close).
    stream.destroySoon();
    return;
  }
  if (!stream.closed) {
    const closed = new Promise((resolve) => stream.once('close', resolve));
    stream.destroy();
    await closed;
  }
}

/** The Berkeley name for the call behind a Node stream error: 'read' is recv, 'write' is send. */
function berkeleyName(error: Error): string {
  const syscall = (error as NodeJS.ErrnoException).syscall;
  if (syscall === 'read') return 'recv';
  if (syscall === 'write' || syscall === 'writev') return 'send';
  return syscall ?? 'recv';
}

/** For .catch(): swallow a failure, but let a timeout (the signal's abort) through. */
function rethrowIfAborted(signal: AbortSignal | undefined): (error: unknown) => void {
  return (error) => {
    if (signal?.aborted && error === signal.reason) throw error;
  };
}
