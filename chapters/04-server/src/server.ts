// The server: an accept loop on node:net and one small state machine per connection.
//   request -> handling -> idle (keep-alive) -> request ... | closing
// Node's event loop is the "accept loop": net.Server calls us once per accepted connection, and
// each connection's bytes arrive as 'data' events. Every wait has a bound: a request deadline, a
// head size, a body size, an idle deadline, a handler deadline, a connection count.
//
// It is also written to be fast, because a server's own code runs for every request. The tricks,
// each explained where it is used: one timer for all connections instead of timers per request;
// no pause/resume or promise per request when the handler answers at once; each response in one
// buffer and one write; pipelined responses batched into one system call with cork(); a parser
// that reads bytes, not strings (request-head-parser.ts); the Date header formatted once a second.
import net from 'node:net';
import { type HeadLimits, type RequestHead, RequestHeadParser } from './request-head-parser.ts';
import {
  type BufferedResponse,
  errorResponse,
  type FileBody,
  type FrameOptions,
  frameResponse,
  isFileBody,
  type Response,
  responseHead,
} from './response-writer.ts';
import { sendFile } from './send-body.ts';

/** A complete request as the handler sees it. */
export interface Request extends RequestHead {
  readonly body: Buffer;
  /** The client's address and port: with ours, the four numbers that name the connection. */
  readonly remoteAddress: string;
  readonly remotePort: number;
}

/** A function from request to response. It may be async; if it throws, the client gets a 500. */
export type Handler = (request: Request) => Response | Promise<Response>;

/** Server options; every bound has a default. */
export interface ServerOptions {
  readonly handler: Handler;
  readonly host?: string;
  /** 0 (the default) lets the OS pick a free port. */
  readonly port?: number;
  readonly limits?: Partial<HeadLimits>;
  /** Time allowed for a whole request (head and body) to arrive, from its first byte: 408 after it. */
  readonly requestTimeoutMs?: number;
  /** Time an idle keep-alive connection stays open between requests before a quiet close. */
  readonly keepAliveTimeoutMs?: number;
  /** Time an async handler may take: 503 and close after it. */
  readonly handlerTimeoutMs?: number;
  /** Connections beyond this are closed by net.Server as soon as they are accepted. */
  readonly maxConnections?: number;
}

/** A running server. */
export interface RunningServer extends AsyncDisposable {
  readonly host: string;
  readonly port: number;
  readonly url: string;
  /** Connections open right now. */
  readonly connections: number;
  close(): Promise<void>;
}

/**
 * Everything that serves connections, without a listening socket. startServer() uses it; a
 * process that is handed connections accepted elsewhere (the pre-fork model) uses it directly.
 */
export interface HttpService {
  /** Serves one accepted connection until it closes. */
  serve(socket: net.Socket): void;
  /** Connections open right now. */
  readonly connections: number;
  /** Stops the deadline clock and destroys every open connection. */
  close(): void;
}

/** How long a connection may stay after we sent FIN, if the client neither closes nor reads. */
const CLOSE_GRACE_MS = 2_000;
/** Bytes kept from a client while its previous request is still being answered; then we pause. */
const KEEP_LIMIT = 64 * 1024;
/** Bodies larger than this are written separately instead of being copied behind the head. */
const COPY_LIMIT = 64 * 1024;
const EMPTY = Buffer.alloc(0);

interface Config {
  readonly handler: Handler;
  readonly limits: Partial<HeadLimits> | undefined;
  readonly requestTimeoutMs: number;
  readonly keepAliveTimeoutMs: number;
  readonly handlerTimeoutMs: number;
}

/**
 * Creates the connection-serving machinery.
 *
 * @example
 * const service = createHttpService({ handler: () => ({ status: 200, body: 'hi' }) });
 * net.createServer({ allowHalfOpen: true }, service.serve).listen(0, '127.0.0.1');
 */
export function createHttpService(options: ServerOptions): HttpService {
  const config: Config = {
    handler: options.handler,
    limits: options.limits,
    requestTimeoutMs: options.requestTimeoutMs ?? 10_000,
    keepAliveTimeoutMs: options.keepAliveTimeoutMs ?? 5_000,
    handlerTimeoutMs: options.handlerTimeoutMs ?? 30_000,
  };
  const open = new Set<Connection>();
  // #region deadlines
  // One timer for all connections. Arming a timer per request (setTimeout, then clearTimeout when
  // the request is complete) costs an allocation and two timer-list updates every time; instead
  // each connection keeps a deadline, a plain number, and this sweep closes the late ones. A
  // deadline fires up to one tick late, a tenth of the shortest timeout. node:http checks its
  // request and header timeouts the same way (its connectionsCheckingInterval).
  const tick = Math.min(
    1_000,
    Math.max(10, Math.min(config.requestTimeoutMs, config.keepAliveTimeoutMs) / 10),
  );
  const sweeper = setInterval(() => {
    const now = performance.now();
    for (const connection of open) if (connection.deadline <= now) connection.expire();
  }, tick);
  sweeper.unref(); // the listening server keeps the process alive, not this clock
  // #endregion deadlines
  return {
    serve: (socket) => {
      open.add(new Connection(socket, config, open));
    },
    get connections() {
      return open.size;
    },
    close: () => {
      clearInterval(sweeper);
      for (const connection of open) connection.destroy();
    },
  };
}

/**
 * Starts the server and resolves once it is listening.
 *
 * @example
 * await using server = await startServer({ handler: () => ({ status: 200, body: 'hi' }) });
 * await fetch(server.url); // 200 'hi'
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const service = createHttpService(options);
  // allowHalfOpen: a client may send its request and then shut down its sending side (FIN);
  // it still expects the response. Node would otherwise end our side as soon as theirs ends.
  const server = net.createServer({ allowHalfOpen: true }, service.serve);
  // Each connection costs a file descriptor and some memory. Idle ones are closed by their
  // deadlines, so this only bounds a flood; check `ulimit -n` before raising it.
  server.maxConnections = options.maxConnections ?? 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as net.AddressInfo; // a TCP server always has an AddressInfo
  const close = async () => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    service.close();
    await closed;
  };
  return {
    host,
    port: address.port,
    url: `http://${host}:${address.port}/`,
    get connections() {
      return service.connections;
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}

/**
 * Where a connection is, and so what its deadline means when it passes:
 * request: a request has begun (or the connection is new); late means 408.
 * handling: an async handler is running; late means 503.
 * idle: between keep-alive requests; late means a quiet close.
 * draining: a response is waiting for the client to read; late means the client is gone.
 * closing: we sent FIN; late means the client never closed its side.
 */
type Phase = 'request' | 'handling' | 'idle' | 'draining' | 'closing';

class Connection {
  /** When this connection's current phase runs out (performance.now() time). */
  deadline = Number.POSITIVE_INFINITY;
  #phase: Phase = 'request';
  readonly #socket: net.Socket;
  readonly #config: Config;
  readonly #parser: RequestHeadParser;
  readonly #remoteAddress: string;
  readonly #remotePort: number;
  /** A head whose body is still arriving, and the body so far. */
  #pending: RequestHead | undefined;
  #body: Buffer[] = [];
  #bodyBytes = 0;
  /** An async handler is running, or a response waits for 'drain': later bytes are kept. */
  #busy = false;
  #kept: Buffer[] = [];
  #keptBytes = 0;
  #paused = false;
  #corked = false;
  /** The client sent FIN: answer what it sent, then close. */
  #peerEnded = false;
  #closed = false;

  constructor(socket: net.Socket, config: Config, open: Set<Connection>) {
    this.#socket = socket;
    this.#config = config;
    this.#parser = new RequestHeadParser(config.limits);
    this.#remoteAddress = socket.remoteAddress ?? '';
    this.#remotePort = socket.remotePort ?? 0;
    // Small responses should leave at once, not wait for Nagle to batch them with nothing.
    socket.setNoDelay(true);
    socket.allowHalfOpen = true;
    // Without an 'error' listener, one client's ECONNRESET would crash the whole process.
    socket.on('error', () => socket.destroy());
    socket.on('data', (chunk: Buffer) => this.#onData(chunk));
    socket.on('end', () => this.#onEnd());
    socket.on('close', () => {
      this.#closed = true;
      open.delete(this);
    });
    this.#enter('request'); // a new connection must send its request in time, like any other
  }

  /** Called by the sweep once `deadline` has passed. */
  expire(): void {
    switch (this.#phase) {
      case 'request':
        this.#refuse(408, `request not complete within ${this.#config.requestTimeoutMs} ms`);
        return;
      case 'handling':
        this.#refuse(503, `no response within ${this.#config.handlerTimeoutMs} ms`);
        return;
      default: // idle, draining or closing: nothing more to say, so no response
        this.destroy();
    }
  }

  destroy(): void {
    this.#closed = true;
    this.deadline = Number.POSITIVE_INFINITY;
    this.#socket.destroy();
  }

  #enter(phase: Phase): void {
    this.#phase = phase;
    this.deadline = performance.now() + this.#allowedMs(phase);
  }

  #allowedMs(phase: Phase): number {
    switch (phase) {
      case 'request':
      case 'draining': // a client that does not read our answer gets as long as to send a request
        return this.#config.requestTimeoutMs;
      case 'handling':
        return this.#config.handlerTimeoutMs;
      case 'idle':
        return this.#config.keepAliveTimeoutMs;
      case 'closing':
        return CLOSE_GRACE_MS;
    }
  }

  #onData(chunk: Buffer): void {
    if (this.#closed) return;
    if (this.#busy) this.#keep(chunk);
    else this.#consume(chunk);
  }

  #onEnd(): void {
    this.#peerEnded = true;
    if (!this.#busy) this.#closeAfterFin();
  }

  /**
   * The client sent FIN and all it sent has been answered, or cannot be completed: a request cut
   * short gets a 400 (as node:http answers), nothing else needs a word before we close too.
   */
  #closeAfterFin(): void {
    if (this.#pending !== undefined || this.#parser.midRequest)
      this.#refuse(400, 'the client closed its side in the middle of a request');
    else this.#close();
  }

  // #region consume
  /** Parses as many requests out of `bytes` as there are, answering each in order. */
  #consume(bytes: Buffer): void {
    let rest = bytes;
    while (rest.length > 0 && !this.#closed && !this.#busy) {
      // The first byte of a new request ends the idle wait and starts the request's clock; later
      // bytes do not move it, so a client sending a byte a second (slowloris) still runs out.
      if (this.#phase === 'idle') this.#enter('request');
      if (this.#pending === undefined) {
        const result = this.#parser.push(rest);
        if (result.kind === 'need-more') {
          rest = EMPTY; // the parser keeps what it needs of them
          break;
        }
        if (result.kind === 'error') {
          this.#refuse(result.error.status, result.error.reason);
          return;
        }
        this.#pending = result.head;
        this.#body = [];
        this.#bodyBytes = 0;
        rest = result.rest;
      }
      const head = this.#pending;
      if (this.#bodyBytes < head.contentLength) {
        const take = rest.subarray(0, head.contentLength - this.#bodyBytes);
        this.#body.push(take);
        this.#bodyBytes += take.length;
        rest = rest.subarray(take.length);
        if (this.#bodyBytes < head.contentLength) break;
      }
      this.#pending = undefined;
      const body =
        head.contentLength === 0
          ? EMPTY
          : this.#body.length === 1
            ? this.#body[0]!
            : Buffer.concat(this.#body);
      // More requests follow in this chunk (pipelining): cork, so that their responses leave
      // together in one writev() system call when we uncork, instead of one write() each.
      if (rest.length > 0 && !this.#corked) {
        this.#socket.cork();
        this.#corked = true;
      }
      this.#dispatch(head, body);
    }
    this.#afterConsume(rest);
  }

  #afterConsume(rest: Buffer): void {
    if (rest.length > 0 && !this.#closed) this.#keep(rest); // busy: answer these afterwards
    if (this.#corked) {
      this.#corked = false;
      this.#socket.uncork();
    }
    if (this.#peerEnded && !this.#busy) this.#closeAfterFin();
  }
  // #endregion consume

  #dispatch(head: RequestHead, body: Buffer): void {
    // Every field written out, not { ...head, body, ... }: in V8 (Node 20) a spread followed by
    // more properties leaves the fast object-cloning path and costs microseconds per request,
    // as much as parsing the whole head.
    const request: Request = {
      method: head.method,
      target: head.target,
      version: head.version,
      headers: head.headers,
      contentLength: head.contentLength,
      keepAlive: head.keepAlive,
      body,
      remoteAddress: this.#remoteAddress,
      remotePort: this.#remotePort,
    };
    let result: Response | Promise<Response>;
    try {
      result = this.#config.handler(request);
    } catch (error) {
      result = handlerFailed(error);
    }
    if (result instanceof Promise) {
      // Only an async answer pays for waiting: the bytes that arrive meanwhile are kept, not
      // read through pause()/resume(), and the handler gets a deadline of its own.
      this.#busy = true;
      this.#enter('handling');
      result.then(
        (response) => this.#respondLater(head, response),
        (error: unknown) => this.#respondLater(head, handlerFailed(error)),
      );
      return;
    }
    this.#respond(head, result);
  }

  #respondLater(head: RequestHead, response: Response): void {
    if (this.#closed) {
      // It timed out (503 sent) or the client left: a file opened for it must be closed.
      if (isFileBody(response.body)) void response.body.file.close();
      return;
    }
    this.#busy = false;
    this.#respond(head, response);
    if (!this.#busy) this.#consumeKept();
  }

  #respond(head: RequestHead, response: Response): void {
    const options: FrameOptions = {
      keepAlive: head.keepAlive,
      headOnly: head.method === 'HEAD',
      requestVersion: head.version,
    };
    const body = response.body;
    if (isFileBody(body)) {
      this.#respondWithFile(head, response, body, options);
      return;
    }
    let flushed: boolean;
    try {
      flushed = this.#write(response as BufferedResponse, options); // its body is not a stream
    } catch (error) {
      flushed = this.#write(handlerFailed(error), options); // e.g. a header with CR/LF in it
    }
    this.#responded(head, flushed);
  }

  /** A response has been written (`flushed`: the kernel took all of it): what comes next. */
  #responded(head: RequestHead, flushed: boolean): void {
    if (!head.keepAlive) {
      this.#close();
      return;
    }
    if (!flushed) {
      // The client is not reading as fast as we answer. Stop answering (later requests are kept)
      // until the kernel has taken what we wrote, so a client cannot make us buffer without end.
      this.#busy = true;
      this.#enter('draining');
      this.#socket.once('drain', () => {
        if (this.#closed) return;
        this.#busy = false;
        this.#enter('idle');
        this.#consumeKept();
      });
      return;
    }
    this.#enter('idle');
  }

  // #region file-body
  /**
   * Writes the head, then the file as it is read (send-body.ts). The connection is busy until the
   * last byte has gone: later requests wait, kept. Each time the client takes more, the deadline
   * moves: a slow reader may take its time, a client that stops reading is dropped after
   * requestTimeoutMs without progress. The file is closed whatever happens.
   */
  #respondWithFile(
    head: RequestHead,
    response: Response,
    body: FileBody,
    options: FrameOptions,
  ): void {
    let text: string;
    try {
      text = responseHead(response, body.length, options);
    } catch (error) {
      void body.file.close();
      this.#respond(head, handlerFailed(error));
      return;
    }
    const flushed = this.#socket.write(text, 'latin1');
    if (options.headOnly === true || body.length === 0) {
      void body.file.close();
      this.#responded(head, flushed);
      return;
    }
    this.#busy = true;
    this.#enter('draining');
    const progress = () => this.#enter('draining');
    void sendFile(body.file, body.length, this.#socket, progress).then(async (complete) => {
      await body.file.close();
      if (this.#closed) return;
      // A body cut short (the file shrank, or a read failed) leaves the client unable to tell
      // where the next response starts: nothing more can be said on this connection.
      if (!complete) {
        this.destroy();
        return;
      }
      this.#busy = false;
      this.#responded(head, true); // sendFile waited until the kernel took each chunk
      if (!this.#busy) this.#consumeKept();
    });
  }
  // #endregion file-body

  /** Writes a response: one buffer and one write() when it is small, head then body if large. */
  #write(response: BufferedResponse, options: FrameOptions): boolean {
    const body = response.body;
    if (body === undefined || typeof body === 'string' || body.byteLength <= COPY_LIMIT) {
      return this.#socket.write(frameResponse(response, options));
    }
    // Copying a large body behind the head would cost more than a second write.
    const head = responseHead(response, body.byteLength, options);
    if (options.headOnly === true) return this.#socket.write(head, 'latin1');
    this.#socket.cork();
    this.#socket.write(head, 'latin1');
    const flushed = this.#socket.write(body);
    this.#socket.uncork();
    return flushed;
  }

  #keep(bytes: Buffer): void {
    this.#kept.push(bytes);
    this.#keptBytes += bytes.length;
    if (this.#keptBytes > KEEP_LIMIT && !this.#paused) {
      this.#paused = true;
      this.#socket.pause(); // the rest waits in the kernel, and TCP flow control slows the client
    }
  }

  #consumeKept(): void {
    const kept = this.#kept;
    this.#kept = [];
    this.#keptBytes = 0;
    if (this.#paused) {
      this.#paused = false;
      this.#socket.resume();
    }
    if (kept.length === 0) this.#afterConsume(EMPTY);
    else this.#consume(kept.length === 1 ? kept[0]! : Buffer.concat(kept));
  }

  /** Refuses the request: a complete error response with Connection: close, then close. */
  #refuse(status: number, reason: string): void {
    if (this.#closed) return;
    this.#socket.write(frameResponse(errorResponse(status, reason), { keepAlive: false }));
    this.#close();
  }

  /** Sends FIN after what was written; destroys the socket if the client does not close too. */
  #close(): void {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#corked) {
      this.#corked = false;
      this.#socket.uncork();
    }
    this.#socket.end();
    this.#enter('closing');
  }
}

function handlerFailed(error: unknown): BufferedResponse {
  return errorResponse(
    500,
    `handler failed: ${error instanceof Error ? error.message : String(error)}`,
  );
}
