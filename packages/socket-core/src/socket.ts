// The Berkeley socket, as a thin state machine over Node's net.Socket and net.Server.
//
// Node has no blocking calls, no accept() and no recv(): a server emits 'connection', a socket
// emits 'data'. This class turns those events back into calls that wait (Promises), with the
// states and errors the kernel would give. Where Node cannot do what the Berkeley API does, the
// doc comment says so and the call either does the nearest honest thing or throws
// UnsupportedError. Nothing is faked.
//
// The states and what moves the socket between them are one table, src/tcp/states.ts. The parts
// live beside it: tcp/listener.ts (listen, the accept queue), tcp/connection.ts (the byte
// stream that connect and accept produce), tcp/options.ts (setsockopt); what every socket
// shares (timeout, fileno, repr) is socket-base.ts, and socket() (socket-factory.ts) chooses
// between this class and the UDP one.
import type net from 'node:net';
import util from 'node:util';
import { anyAddress, checkFamily, validateSockAddr } from './address.ts';
import { toBytes } from './bytes.ts';
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
import { validateBufsize } from './receive-buffer.ts';
import { checkSocketType, SocketBase } from './socket-base.ts';
import { takeOrWait } from './take-or-wait.ts';
import { berkeleyName, Connection } from './tcp/connection.ts';
import { Listener, normaliseBacklog } from './tcp/listener.ts';
import { defaultOptions, recordOption, type SocketOption } from './tcp/options.ts';
import { TCP_TRANSITIONS, type TcpEvent } from './tcp/states.ts';
import { getdefaulttimeout, timeoutMode, withTimeout } from './timeouts.ts';
import type { Family, ShutdownHow, SockAddr, SocketState, SockType } from './types.ts';
import { type Deferred, deferred, firstEvent, untilSettled } from './waiting.ts';

/** Python's default backlog: min(SOMAXCONN, 128). Node's own default would be 511. */
export const DEFAULT_BACKLOG = 128;

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
export class Socket extends SocketBase<SocketState, TcpEvent> {
  /** Always SOCK_STREAM: this class is TCP. UDP is a DatagramSocket (see socket()). */
  readonly type = 'SOCK_STREAM' as const;

  /** What bind() recorded; Node binds for real in listen() or connect(). */
  #bound: SockAddr | undefined;
  readonly #options = defaultOptions();
  /** While listening: the net.Server and the connections waiting for accept(). */
  #listener: Listener<Socket> | undefined;
  /** While connecting or connected: the net.Socket and what recv() takes from. */
  #connection: Connection | undefined;
  /** While connecting: settles when the handshake completes or fails. */
  #attempt: Deferred<void> | undefined;
  #local: SockAddr | undefined;
  #remote: SockAddr | undefined;
  /** An error that happened while nobody was waiting, reported by the next call (SO_ERROR). */
  #pendingError: SocketError | undefined;

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
    super(family, 'socket()', TCP_TRANSITIONS, 'fresh');
    // The parameter's type already rules SOCK_DGRAM out; this catches JavaScript callers and casts.
    if ((type as SockType) === 'SOCK_DGRAM') {
      throw new TypeError(
        "new Socket(family, 'SOCK_DGRAM'): the Socket class is TCP (SOCK_STREAM) only. For UDP " +
          "call socket(family, 'SOCK_DGRAM') or udpSocket(family): both return a DatagramSocket.",
      );
    }
    checkSocketType(type);
  }

  /**
   * The OS file descriptor, or -1 when Node holds no OS socket for it: before listen()/connect()
   * (Node creates the OS socket there, while socket(2) would have made one at once), while a
   * connect is still starting, after close(), and once Node has released a connection that both
   * sides closed. After listen() it is the number lsof shows.
   */
  get fd(): number {
    if (this.state === 'listening') return this.#listener?.fd ?? -1;
    if (this.state === 'connecting' || this.state === 'connected') {
      return handleFd(this.#connection?.stream);
    }
    return -1;
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
    this.#bound = await this.bindAddress(address, () => this.#requireUnbound());
    this.move('bind');
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
    this.requireOpen('listen');
    const queueLength = normaliseBacklog(backlog);
    if (this.state === 'listening') {
      throw new UnsupportedError(
        'listen(): this socket is already listening. The kernel would only change the backlog, ' +
          'but Node cannot change the backlog of a listening server: close it and listen again.',
      );
    }
    if (this.state !== 'fresh' && this.state !== 'bound') {
      throw stateError(
        'EINVAL',
        'listen',
        `the socket is ${this.state}; only a socket that is not connected can listen: create a new socket`,
      );
    }
    const [host, port] = this.#bound ?? [anyAddress(this.family), 0];
    const listener = new Listener((stream) => Socket.#adopt(this.family, stream));
    this.#listener = listener;
    this.move('listen');
    try {
      await listener.listen({
        host,
        port,
        backlog: queueLength,
        // A real bind of our own even inside a cluster worker (no handle shared via the primary).
        exclusive: true,
        ...(this.#options.ipv6Only !== undefined ? { ipv6Only: this.#options.ipv6Only } : {}),
        ...(this.#options.reusePort ? { reusePort: true } : {}),
      });
    } catch (error) {
      if (this.isClosed()) throw closedError('listen');
      this.#listener = undefined;
      this.move('failed');
      listener.wake(); // an accept() waiting meanwhile now finds the socket not listening
      throw fromNodeError(error, { syscall: 'listen', address: [host, port] });
    }
    if (this.isClosed()) throw closedError('listen');
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
      timeout: this.gettimeout(),
      take: () => this.#takeAccepted(),
      // #takeAccepted returned nothing, so the socket is listening.
      changed: async (signal) => {
        await this.#listener?.changed(signal);
      },
      timedOut: () => this.timeoutError('accept'),
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
    const timeout = this.gettimeout();
    if (timeoutMode(timeout) === 'non-blocking') {
      const stream = this.#writableStream('send');
      if (!stream || stream.writableNeedDrain) throw wouldBlockOnSend(stream !== undefined);
      if (bytes.length > 0) stream.write(bytes);
      return bytes.length;
    }
    return withTimeout(
      timeout,
      async (signal) => {
        const connection = await this.#connectionWithRoom('send', signal);
        if (bytes.length > 0) connection.stream.write(bytes);
        return bytes.length;
      },
      () => this.timeoutError('send'),
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
    const timeout = this.gettimeout();
    if (timeoutMode(timeout) === 'non-blocking') {
      await this.send(bytes);
      return;
    }
    await withTimeout(
      timeout,
      async (signal) => {
        const connection = await this.#connectionWithRoom('send', signal);
        await connection.writeAndWait(bytes, signal);
      },
      () => this.timeoutError('send'),
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
      timeout: this.gettimeout(),
      take: () => this.#takeReceived(size),
      // #takeReceived returned nothing, so a receive buffer exists and is still open.
      changed: async (signal) => {
        await this.#connection?.received.changed(signal);
      },
      timedOut: () => this.timeoutError('recv'),
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
    this.requireOpen('shutdown');
    const connection = this.#connection;
    if (this.state !== 'connected' || !connection) {
      throw stateError(
        'ENOTCONN',
        'shutdown',
        `the socket is ${this.state}; only a connected socket can be shut down`,
      );
    }
    connection.shutdown(how);
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
    if (this.isClosed()) return;
    this.move('close');
    const listener = this.#listener;
    const connection = this.#connection;
    const attempt = this.#attempt;
    this.#listener = undefined;
    this.#connection = undefined;
    this.#attempt = undefined;
    this.#pendingError = undefined;
    attempt?.reject(closedError('connect'));
    if (listener) await listener.close();
    if (connection) await connection.close();
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
    this.requireOpen('getsockname');
    if (this.state === 'listening') {
      const address = this.#listener?.address();
      if (address) return address;
    }
    if (this.state === 'connected' && this.#local) return this.#local;
    const stream = this.#connection?.stream;
    if (this.state === 'connecting' && stream) {
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
    return this.connectedPeer(this.#remote, 'only a connected socket has a peer');
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
    this.requireOpen('setsockopt');
    recordOption(this.#options, option, Boolean(value), this.family, this.state);
    const stream = this.#connection?.stream;
    if (option === 'TCP_NODELAY') stream?.setNoDelay(this.#options.noDelay);
    if (option === 'SO_KEEPALIVE') stream?.setKeepAlive(this.#options.keepAlive);
  }

  // ---- accepting -------------------------------------------------------------------------

  /** Wraps a connection Node accepted in a connected Socket (not yet reading: see accept()). */
  static #adopt(family: Family, stream: net.Socket): Socket {
    const socket = new Socket(family);
    socket.#connection = new Connection(stream, (connection, error) =>
      socket.#onStreamError(connection, error),
    );
    socket.move('accepted');
    socket.#local = [stream.localAddress ?? '', stream.localPort ?? 0];
    socket.#remote = [stream.remoteAddress ?? '', stream.remotePort ?? 0];
    return socket;
  }

  /** Takes the next queued connection, or undefined when there is none yet. */
  #takeAccepted(): [Socket, SockAddr] | undefined {
    this.requireOpen('accept');
    const listener = this.#listener;
    if (this.state !== 'listening' || !listener) {
      throw stateError(
        'EINVAL',
        'accept',
        `the socket is ${this.state}: call listen() first; only a listening socket has connections to accept`,
      );
    }
    const child = listener.take();
    if (!child) return undefined;
    child.settimeout(getdefaulttimeout());
    child.#connection?.resume();
    return [child, child.#remote ?? ['', 0]];
  }

  // ---- connecting ------------------------------------------------------------------------

  /** Validates a connect address before anything starts; these mistakes always throw. */
  #connectTarget(address: SockAddr, caller: string): SockAddr {
    const target = validateSockAddr(address, caller);
    checkFamily(target[0], this.family, 'connect', target[1]);
    return target;
  }

  async #connectTo(target: SockAddr): Promise<void> {
    this.requireOpen('connect');
    const nonBlocking = timeoutMode(this.gettimeout()) === 'non-blocking';
    switch (this.state) {
      case 'listening':
      case 'connected':
        throw stateError(
          'EISCONN',
          'connect',
          `the socket is already ${this.state}: a socket connects once; create a new socket`,
          target,
        );
      case 'connecting':
        if (nonBlocking) {
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
        if (nonBlocking) {
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
    const attempt = deferred<void>();
    // A non-blocking connect may never be awaited: its failure waits in #pendingError instead.
    attempt.promise.catch(() => {});
    const settings = {
      family: this.family,
      local: this.#bound,
      noDelay: this.#options.noDelay,
      keepAlive: this.#options.keepAlive,
    };
    const connection = Connection.connect([host, port], settings, (failed, error) =>
      this.#onStreamError(failed, error),
    );
    const stream = connection.stream;
    stream.once('connect', () => {
      if (this.#connection !== connection) return;
      this.#local = [stream.localAddress ?? '', stream.localPort ?? 0];
      this.#remote = [stream.remoteAddress ?? host, stream.remotePort ?? port];
      this.move('established');
      this.#attempt = undefined;
      attempt.resolve();
    });
    this.#connection = connection;
    this.#attempt = attempt;
    this.move('connect');
  }

  async #awaitAttempt(target: SockAddr): Promise<void> {
    const attempt = this.#attempt;
    if (!attempt) return;
    try {
      await withTimeout(
        this.gettimeout(),
        (signal) => untilSettled(attempt.promise, signal),
        () => this.timeoutError('connect', target),
      );
    } catch (error) {
      if (this.isClosed()) throw closedError('connect');
      if (error instanceof SocketTimeoutError) {
        // Another connect() waiting for the same attempt may have given up on it already.
        if (this.#attempt === attempt) this.#giveUpAttempt();
        throw error;
      }
      throw this.#takePendingError() ?? error;
    }
  }

  /** Ends the connection attempt: like Linux after a failed connect, the socket is unconnected again. */
  #giveUpAttempt(): void {
    const connection = this.#connection;
    this.#connection = undefined;
    this.#attempt = undefined;
    this.move('failed');
    connection?.abandon();
  }

  /** Node's 'error' on a connection: a failed connect, or a connection that broke. */
  #onStreamError(connection: Connection, error: Error): void {
    if (this.#connection !== connection) return;
    const connecting = this.state === 'connecting';
    const failure = fromNodeError(error, { syscall: connecting ? 'connect' : berkeleyName(error) });
    this.#pendingError = failure;
    if (connecting) {
      const attempt = this.#attempt;
      this.#giveUpAttempt();
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
    this.requireOpen('recv');
    const connection = this.#connection;
    if ((this.state !== 'connected' && this.state !== 'connecting') || !connection) {
      throw (
        this.#takePendingError() ??
        stateError('ENOTCONN', 'recv', `the socket is ${this.state}: connect() or accept() first`)
      );
    }
    const bytes = connection.received.take(size);
    if (bytes === null) return undefined;
    if (bytes.length === 0 && !connection.readShut) {
      // End of stream after an error: report the error once, then plain end of stream.
      const error = this.#takePendingError();
      if (error) throw error;
    }
    return bytes;
  }

  /** The stream to write to, undefined while still connecting, or the error send must report. */
  #writableStream(syscall: string): net.Socket | undefined {
    this.requireOpen(syscall);
    if (this.#connection?.writeShut) {
      throw stateError(
        'EPIPE',
        syscall,
        'this socket was shut down for writing (SHUT_WR): nothing more can be sent',
      );
    }
    const pending = this.#takePendingError();
    if (pending) throw pending;
    if (this.state === 'connecting') return undefined;
    const stream = this.#connection?.stream;
    if (this.state !== 'connected' || !stream) {
      // Linux answers EPIPE here, macOS and POSIX ENOTCONN; the latter says what is wrong.
      throw stateError(
        'ENOTCONN',
        syscall,
        `the socket is ${this.state}: connect() or accept() first`,
      );
    }
    if (stream.destroyed || !stream.writable) {
      throw stateError('EPIPE', syscall, 'the connection is closed: nothing more can be sent');
    }
    return stream;
  }

  /** Waits (abortably) until connected and Node's send queue has room. */
  async #connectionWithRoom(syscall: string, signal: AbortSignal | undefined): Promise<Connection> {
    for (;;) {
      const stream = this.#writableStream(syscall);
      const connection = this.#connection;
      if (!stream || !connection) {
        const attempt = this.#attempt;
        if (!attempt) throw stateError('ENOTCONN', syscall, 'the connection attempt was abandoned');
        // A failed attempt leaves its error in #pendingError; the next turn reports it.
        await untilSettled(attempt.promise, signal).catch(rethrowIfAborted(signal));
        continue;
      }
      if (!stream.writableNeedDrain) return connection;
      await firstEvent(stream, ['drain', 'close'], signal);
    }
  }

  // ---- small checks ----------------------------------------------------------------------

  #requireUnbound(): void {
    if (this.state !== 'fresh') {
      throw stateError(
        'EINVAL',
        'bind',
        `the socket is already ${this.state}; bind() comes once, before listen() or connect(): create a new socket`,
      );
    }
  }
}

/** EAGAIN for a non-blocking send that would have to wait. */
function wouldBlockOnSend(connected: boolean): SocketError {
  const why = connected
    ? "Node's send queue for this socket is full"
    : 'the connection is still being established';
  return stateError(
    'EAGAIN',
    'send',
    `${why} and the socket is non-blocking (timeout 0): try again later`,
  );
}

/** For .catch(): swallow a failure, but let a timeout (the signal's abort) through. */
function rethrowIfAborted(signal: AbortSignal | undefined): (error: unknown) => void {
  return (error) => {
    if (signal?.aborted && error === signal.reason) throw error;
  };
}
