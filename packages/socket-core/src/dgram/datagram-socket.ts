// The Berkeley UDP socket (SOCK_DGRAM) over Node's dgram.Socket: bind, sendto, recvfrom,
// connect, send, recv, with Python's names, timeouts in milliseconds, and the kernel's errors.
//
// Node pushes datagrams at us ('message' events) and reports ICMP errors as 'error' events;
// Berkeley sockets are pulled: recvfrom waits for the next datagram, and an ICMP error is kept
// (SO_ERROR) until the next call reports it. This class turns one into the other. Where Node
// cannot do what the kernel does, the doc comment says so.
import dgram from 'node:dgram';
import { anyAddress, checkFamily, validateSockAddr } from '../address.ts';
import { toBytes } from '../bytes.ts';
import {
  closedError,
  fromNodeError,
  SocketError,
  stateError,
  UnsupportedError,
} from '../errors.ts';
import { validateBufsize } from '../receive-buffer.ts';
import { SocketBase } from '../socket-base.ts';
import { takeOrWait } from '../take-or-wait.ts';
import { timeoutMode, withTimeout } from '../timeouts.ts';
import type { Family, SockAddr } from '../types.ts';
import { untilSettled } from '../waiting.ts';
import { type Datagram, DatagramQueue } from './datagram-queue.ts';
import { dgramFd } from './dgram-handle.ts';
import { DATAGRAM_TRANSITIONS, type DatagramEvent, type DatagramState } from './states.ts';

/** What recvmsg() returns: the datagram, who sent it, and whether bufsize cut it short. */
export interface ReceivedMessage {
  /** At most bufsize bytes of the datagram. */
  readonly data: Buffer;
  /** The sender's address. */
  readonly address: SockAddr;
  /** True when the datagram was longer than bufsize: the rest is gone (the kernel's MSG_TRUNC). */
  readonly truncated: boolean;
  /** The datagram's real length in bytes. */
  readonly size: number;
}

/**
 * A UDP socket with the Berkeley calls: bind, sendto, recvfrom, connect, send, recv, close.
 * Every call that can wait returns a Promise and obeys the socket's timeout (settimeout): null
 * waits forever, 0 never waits (EAGAIN), a positive number of milliseconds is a time limit after
 * which the call rejects with SocketTimeoutError.
 *
 * Each recvfrom() returns exactly one datagram, as it was sent: UDP keeps message boundaries.
 *
 * @example
 * await using server = socket('AF_INET', 'SOCK_DGRAM');
 * await server.bind(['127.0.0.1', 0]);
 * await using client = socket('AF_INET', 'SOCK_DGRAM');
 * await client.sendto('ping', server.getsockname());
 * const [data, from] = await server.recvfrom(1024); // <Buffer 70 69 6e 67>, ['127.0.0.1', 51234]
 * await server.sendto(data, from);
 * console.log((await client.recv(1024)).toString()); // 'ping'
 */
export class DatagramSocket extends SocketBase<DatagramState, DatagramEvent> {
  /** Always SOCK_DGRAM: this class is UDP. */
  readonly type = 'SOCK_DGRAM' as const;

  #socket: dgram.Socket | undefined;
  /** A bind in progress (explicit, or the implicit one before the first sendto or connect). */
  #binding: Promise<void> | undefined;
  #remote: SockAddr | undefined;
  readonly #queue = new DatagramQueue();
  /** The last asynchronous error (an ICMP error), reported by the next call: the kernel's SO_ERROR. */
  #pendingError: Error | undefined;
  /** Aborted by close(): a connect or send that Node will never call back must still end. */
  readonly #closing = new AbortController();

  /**
   * Creates a UDP socket (Python's `socket.socket(family, socket.SOCK_DGRAM)`), with the default
   * timeout (getdefaulttimeout()). Usually you write `socket(family, 'SOCK_DGRAM')`, which calls
   * this. As with TCP in Node, no OS socket exists until bind(), connect() or the first
   * sendto(), so `fd` is -1 until then.
   *
   * @example
   * const s = new DatagramSocket('AF_INET');
   * console.log(String(s)); // "<socket fd=-1 family=AF_INET type=SOCK_DGRAM laddr=('0.0.0.0', 0)>"
   */
  constructor(family: Family = 'AF_INET') {
    super(family, "socket(family, 'SOCK_DGRAM')", DATAGRAM_TRANSITIONS, 'fresh');
  }

  /**
   * The OS file descriptor, or -1 while there is no OS socket (before the first bind, connect or
   * sendto, and after close()).
   */
  get fd(): number {
    return this.state === 'bound' || this.state === 'connected' ? dgramFd(this.#socket) : -1;
  }

  /**
   * How many datagrams arrived while the receive queue was full and were dropped. The kernel
   * drops the same way when its receive buffer is full (see `netstat -su`, "receive buffer
   * errors"); nobody is told, not even the sender.
   */
  get droppedDatagrams(): number {
    return this.#queue.dropped;
  }

  /**
   * Binds the socket to a local address (Python's `bind`). Unlike TCP in Node, this is a real
   * bind(2): afterwards the port is reserved and datagrams sent to it are queued for recvfrom().
   * '' means every interface, port 0 lets the kernel choose, and a host name is resolved within
   * the socket's family. Errors (EADDRINUSE, EADDRNOTAVAIL, EACCES) come from this call.
   *
   * @example
   * const s = udpSocket();
   * await s.bind(['127.0.0.1', 0]);
   * console.log(s.getsockname()); // ['127.0.0.1', 51234]
   */
  async bind(address: SockAddr): Promise<void> {
    const resolved = await this.bindAddress(address, () => this.#requireFresh());
    await this.#bindTo(resolved);
  }

  /**
   * Fixes the peer (Python's `connect` on a SOCK_DGRAM socket). Nothing is sent: UDP has no
   * handshake, so connecting to a port where nobody listens "succeeds". Afterwards:
   * - send() and recv() need no address;
   * - the kernel delivers only datagrams from that peer (others are discarded);
   * - when the peer's kernel answers with ICMP port unreachable (nothing bound there), the next
   *   call (send, recv, recvfrom...) rejects with ECONNREFUSED. An unconnected socket never
   *   hears about it: the kernel cannot tell which of its sendto()s the error belongs to.
   *
   * An unbound socket is bound first (any address, port chosen by the kernel); after connecting,
   * getsockname() shows the source address the kernel chose for that peer. Calling connect()
   * again switches to another peer, as connect(2) does (Node itself needs disconnect() first;
   * this call does that for you).
   *
   * @example
   * const s = udpSocket();
   * await s.connect(['127.0.0.1', 53000]);
   * await s.send('hello');
   */
  async connect(address: SockAddr): Promise<void> {
    this.requireOpen('connect');
    const [host, port] = validateSockAddr(address, 'connect');
    checkFamily(host, this.family, 'connect', port);
    if (port === 0) {
      throw stateError('EINVAL', 'connect', 'UDP cannot connect to port 0: name a real port', [
        host,
        port,
      ]);
    }
    const socket = await this.#ensureBound('connect');
    if (this.state === 'connected') {
      socket.disconnect();
      this.move('disconnect');
      this.#remote = undefined;
    }
    const connecting = new Promise<Error | undefined>((resolve) => {
      socket.connect(port, host, (failure?: Error) => resolve(failure ?? undefined));
    });
    // A host name is looked up first; the socket's timeout bounds that wait (and close() ends
    // it). Node offers no way to cancel the lookup: after a timeout it may still connect later.
    const timeout = this.gettimeout();
    const limit = timeoutMode(timeout) === 'non-blocking' ? null : timeout;
    let error: Error | undefined;
    try {
      error = await withTimeout(
        limit,
        (signal) => untilSettled(untilSettled(connecting, this.#closing.signal), signal),
        () => this.timeoutError('connect', [host, port]),
      );
    } catch (failure) {
      if (this.isClosed()) throw closedError('connect');
      throw failure;
    }
    this.requireOpen('connect');
    if (error) throw fromNodeError(error, { syscall: 'connect', address: [host, port] });
    const remote = socket.remoteAddress();
    this.#remote = [remote.address, remote.port];
    this.move('connect');
  }

  /**
   * Sends one datagram to `address` (Python's `sendto`) and resolves with its length once Node
   * has handed it to the kernel. "Sent" is all that means: UDP never says whether it arrived.
   * An unbound socket is bound first, to any address and a port the kernel chooses, exactly as
   * the kernel does (so getsockname() afterwards shows that port).
   *
   * Errors: EMSGSIZE for a datagram that cannot fit in one IP packet (more than 65,507 bytes of
   * payload over IPv4), and any error an earlier datagram left behind (see connect).
   *
   * What Node cannot do: sendto() with an address on a connected socket. Linux would send it to
   * that address, macOS fails with EISCONN, and Node refuses it (ERR_SOCKET_DGRAM_IS_CONNECTED);
   * this throws UnsupportedError. Node also sends asynchronously: even on a non-blocking socket
   * this call waits for the hand-off to the kernel (microseconds), so that EMSGSIZE is reported
   * here, as the kernel would report it.
   *
   * @example
   * const s = udpSocket();
   * const sent = await s.sendto('ping', ['127.0.0.1', 53000]);
   * console.log(sent); // 4
   */
  async sendto(data: Uint8Array | string, address: SockAddr): Promise<number> {
    this.requireOpen('sendto');
    const bytes = toBytes(data, 'sendto');
    const [host, port] = validateSockAddr(address, 'sendto');
    checkFamily(host, this.family, 'sendto', port);
    if (this.state === 'connected') {
      throw new UnsupportedError(
        `sendto(): this socket is connected to ${show(this.#remote)}, and Node refuses an address ` +
          'on a connected UDP socket (Linux would send it there; macOS says EISCONN): use send(), ' +
          'or another socket for other destinations.',
      );
    }
    this.#throwPendingError('sendto');
    const socket = await this.#ensureBound('sendto');
    return this.#transmit('sendto', bytes, (done) => socket.send(bytes, port, host, done), [
      host,
      port,
    ]);
  }

  /**
   * Sends one datagram to the connected peer (Python's `send` on a UDP socket). Rejects with
   * EDESTADDRREQ when the socket is not connected (use sendto), with ECONNREFUSED when an
   * earlier datagram to this peer was refused, and with EMSGSIZE when it is too big.
   *
   * @example
   * const s = udpSocket();
   * await s.connect(['127.0.0.1', 53000]);
   * await s.send('ping');
   */
  async send(data: Uint8Array | string): Promise<number> {
    this.requireOpen('send');
    const bytes = toBytes(data, 'send');
    const socket = this.#socket;
    if (this.state !== 'connected' || socket === undefined) {
      throw stateError(
        'EDESTADDRREQ',
        'send',
        `the socket is ${this.state}, so send() has no destination: use sendto(data, [host, port]), or connect() first`,
      );
    }
    this.#throwPendingError('send');
    return this.#transmit('send', bytes, (done) => socket.send(bytes, done), this.#remote);
  }

  /**
   * Receives the next datagram (Python's `recvfrom`): `[data, senderAddress]`. One call, one
   * datagram, never part of one and never two. If the datagram is longer than `bufsize`, you
   * get the first `bufsize` bytes and THE REST IS DISCARDED, silently, as the kernel does:
   * size the buffer for the largest datagram you expect (recvmsg() tells you when it cut).
   * A zero-length datagram is a real datagram: an empty Buffer is not "end of stream" here.
   *
   * Non-blocking mode rejects with EAGAIN when nothing is waiting; a timeout rejects with
   * SocketTimeoutError. On a socket that was never bound nothing can arrive, so, as on Linux,
   * it waits until the timeout.
   *
   * How it works in Node: Node reads every datagram from the kernel as soon as it arrives and
   * emits 'message' with the whole datagram. This socket queues them (up to the kernel's
   * receive buffer size, SO_RCVBUF; beyond that new ones are dropped, as the kernel drops them)
   * and recvfrom() takes the oldest, cut to bufsize.
   *
   * @example
   * const s = udpSocket();
   * await s.bind(['127.0.0.1', 53000]);
   * s.settimeout(1_000);
   * const [data, [host, port]] = await s.recvfrom(2048);
   */
  async recvfrom(bufsize: number): Promise<[Buffer, SockAddr]> {
    const { data, address } = await this.#receive('recvfrom', bufsize);
    return [data, address];
  }

  /**
   * Receives the next datagram's bytes without the sender (Python's `recv`). Works on connected
   * and unconnected sockets alike; see recvfrom() for truncation and timeouts.
   *
   * @example
   * const s = udpSocket();
   * await s.connect(['127.0.0.1', 53000]);
   * await s.send('ping');
   * const reply = await s.recv(1024);
   */
  async recv(bufsize: number): Promise<Buffer> {
    return (await this.#receive('recv', bufsize)).data;
  }

  /**
   * Like recvfrom(), but also says whether the datagram was cut short and how long it really
   * was (the kernel's MSG_TRUNC flag, which Python's recvmsg returns in msg_flags).
   *
   * @example
   * const s = udpSocket();
   * await s.bind(['127.0.0.1', 53000]);
   * const { data, truncated, size } = await s.recvmsg(16);
   * if (truncated) console.log(`lost ${size - data.length} bytes: use a bigger buffer`);
   */
  async recvmsg(bufsize: number): Promise<ReceivedMessage> {
    return this.#receive('recvmsg', bufsize);
  }

  /**
   * The local address (Python's `getsockname`): ('0.0.0.0', 0) or ('::', 0) before the socket
   * has a port, then the bound address; after connect() the source address the kernel chose.
   *
   * @example
   * const s = udpSocket();
   * await s.sendto('x', ['127.0.0.1', 53000]);
   * console.log(s.getsockname()); // ['0.0.0.0', 41234]: the implicit bind
   */
  getsockname(): SockAddr {
    this.requireOpen('getsockname');
    const socket = this.#socket;
    if ((this.state === 'bound' || this.state === 'connected') && socket !== undefined) {
      const { address, port } = socket.address();
      return [address, port];
    }
    return [anyAddress(this.family), 0];
  }

  /**
   * The connected peer (Python's `getpeername`); ENOTCONN unless connect() was called.
   *
   * @example
   * const s = udpSocket();
   * await s.connect(['127.0.0.1', 53000]);
   * console.log(s.getpeername()); // ['127.0.0.1', 53000]
   */
  getpeername(): SockAddr {
    return this.connectedPeer(this.#remote, 'a UDP socket has a peer only after connect()');
  }

  /**
   * Closes the socket; closing twice is fine. Calls still waiting (recvfrom) reject with EBADF,
   * and datagrams still queued are discarded, as close(2) discards the receive buffer.
   *
   * @example
   * const s = udpSocket();
   * await s.close();
   * console.log(String(s)); // '<socket [closed] fd=-1 family=AF_INET type=SOCK_DGRAM>'
   */
  async close(): Promise<void> {
    if (this.isClosed()) return;
    this.move('close');
    this.#pendingError = undefined;
    this.#closing.abort(closedError('close'));
    this.#queue.wake();
    // A bind still in progress would create the OS socket after we closed: let it finish.
    await this.#binding?.catch(() => {});
    const socket = this.#socket;
    this.#socket = undefined;
    if (socket !== undefined) await closeDgram(socket);
    while (this.#queue.take() !== undefined);
  }

  // ---- binding ---------------------------------------------------------------------------

  /** The Node socket, bound; an unbound socket is bound the way the kernel autobinds. */
  async #ensureBound(syscall: string): Promise<dgram.Socket> {
    if (this.#binding) await this.#binding.catch(() => {});
    this.requireOpen(syscall);
    if (this.state === 'fresh') await this.#bindTo([anyAddress(this.family), 0]);
    const socket = this.#socket;
    if (socket === undefined) throw closedError(syscall);
    return socket;
  }

  async #bindTo([host, port]: SockAddr): Promise<void> {
    const socket = dgram.createSocket({ type: this.family === 'AF_INET6' ? 'udp6' : 'udp4' });
    socket.on('message', (data, rinfo) => {
      this.#queue.push({ data, address: [rinfo.address, rinfo.port] });
    });
    this.#socket = socket;
    const binding = new Promise<void>((resolve, reject) => {
      const onError = (error: Error): void => reject(error);
      socket.once('error', onError);
      // exclusive: a real bind of our own even inside a cluster worker.
      socket.bind({ address: host, port, exclusive: true }, () => {
        socket.off('error', onError);
        resolve();
      });
    });
    this.#binding = binding;
    try {
      await binding;
    } catch (error) {
      this.#socket = undefined;
      socket.close();
      if (this.isClosed()) throw closedError('bind');
      throw fromNodeError(error, { syscall: 'bind', address: [host, port] });
    } finally {
      this.#binding = undefined;
    }
    // From now on an ICMP error must never crash the process with an unhandled 'error'.
    socket.on('error', (error) => this.#onError(socket, error));
    if (this.isClosed()) throw closedError('bind');
    this.#queue.setLimit(socket.getRecvBufferSize());
    this.move('bind');
  }

  // ---- sending and receiving -------------------------------------------------------------

  /** Hands one datagram to Node and waits for the kernel to take it (bounded by the timeout). */
  async #transmit(
    syscall: string,
    bytes: Buffer,
    start: (done: (error: Error | null) => void) => void,
    address: SockAddr | undefined,
  ): Promise<number> {
    const handedOff = new Promise<void>((resolve, reject) => {
      start((error) => (error ? reject(error) : resolve()));
    });
    // Not cancellable once started: a timeout only stops the waiting, as in Python.
    handedOff.catch(() => {});
    const timeout = this.gettimeout();
    const limit = timeoutMode(timeout) === 'non-blocking' ? null : timeout;
    try {
      await withTimeout(
        limit,
        (signal) => untilSettled(untilSettled(handedOff, this.#closing.signal), signal),
        () => this.timeoutError(syscall, address),
      );
    } catch (error) {
      if (this.isClosed()) throw closedError(syscall);
      if (error instanceof SocketError) throw error;
      throw fromNodeError(error, {
        syscall,
        ...(address ? { address } : {}),
        ...detailFor(error),
      });
    }
    return bytes.length;
  }

  async #receive(syscall: string, bufsize: number): Promise<ReceivedMessage> {
    const size = validateBufsize(bufsize, syscall);
    const cut = (datagram: Datagram): ReceivedMessage => ({
      data: datagram.data.length > size ? datagram.data.subarray(0, size) : datagram.data,
      address: datagram.address,
      truncated: datagram.data.length > size,
      size: datagram.data.length,
    });
    return takeOrWait({
      syscall,
      missing: 'no datagram has arrived',
      timeout: this.gettimeout(),
      take: () => {
        const datagram = this.#takeDatagram(syscall);
        return datagram && cut(datagram);
      },
      changed: (signal) => this.#queue.changed(signal),
      timedOut: () => this.timeoutError(syscall),
    });
  }

  // #region pending-error
  /** The next datagram, or undefined; throws EBADF when closed and any pending error first. */
  #takeDatagram(syscall: string): Datagram | undefined {
    this.requireOpen(syscall);
    // Linux checks the socket's error before its queue: a refusal is reported even if
    // datagrams are waiting, and the datagrams stay for the next call.
    this.#throwPendingError(syscall);
    return this.#queue.take();
  }

  // ---- errors ----------------------------------------------------------------------------

  /** Node's 'error' on the socket: an ICMP error noticed while reading. Kept for the next call. */
  #onError(socket: dgram.Socket, error: Error): void {
    if (this.#socket !== socket) return;
    this.#pendingError = error;
    this.#queue.wake();
  }

  #throwPendingError(syscall: string): void {
    const error = this.#pendingError;
    if (error === undefined) return;
    this.#pendingError = undefined;
    throw fromNodeError(error, {
      syscall,
      ...(this.#remote ? { address: this.#remote } : {}),
      ...detailFor(error),
    });
  }
  // #endregion pending-error

  #requireFresh(): void {
    if (this.state !== 'fresh' || this.#binding !== undefined) {
      throw stateError(
        'EINVAL',
        'bind',
        `the socket is already ${this.#binding ? 'being bound' : this.state}; a socket binds once, ` +
          'before it sends (sendto and connect bind it for you): create a new socket',
      );
    }
  }
}

/**
 * Creates a UDP socket: a shorter spelling of `socket(family, 'SOCK_DGRAM')`, which is
 * Python's `socket.socket(socket.AF_INET, socket.SOCK_DGRAM)`.
 *
 * @example
 * const s = udpSocket(); // AF_INET, SOCK_DGRAM: the same as socket('AF_INET', 'SOCK_DGRAM')
 * const s6 = udpSocket('AF_INET6');
 */
export function udpSocket(family?: Family): DatagramSocket {
  return new DatagramSocket(family);
}

/** What UDP's two common errors mean, said where they are reported. */
function detailFor(error: unknown): { detail?: string } {
  switch ((error as NodeJS.ErrnoException | undefined)?.code) {
    case 'ECONNREFUSED':
      return {
        detail:
          'an earlier datagram was answered with ICMP port unreachable: nothing is bound to that ' +
          'UDP port. Only a connected socket hears this; start the peer, or check the port',
      };
    case 'EMSGSIZE':
      return {
        detail:
          'the datagram does not fit in one IP packet (at most 65,507 bytes of payload over IPv4, ' +
          'and only about 1,472 without fragmentation on Ethernet): send smaller datagrams',
      };
    default:
      return {};
  }
}

function closeDgram(socket: dgram.Socket): Promise<void> {
  return new Promise((resolve) => {
    try {
      socket.close(() => resolve());
    } catch {
      resolve(); // already closed by Node (ERR_SOCKET_DGRAM_NOT_RUNNING): nothing to release
    }
  });
}

function show(address: SockAddr | undefined): string {
  return address ? `${address[0]}:${address[1]}` : 'a peer';
}
