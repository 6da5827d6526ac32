// The server: an accept loop on node:net and one small state machine per connection.
//   reading-head -> (reading-body) -> handling -> reading-head (keep-alive) | closed
// Node's event loop is the "accept loop": net.Server calls us once per accepted connection, and
// each connection's bytes arrive as 'data' events. Every wait has a bound: a head timeout, a head
// size, a body size, a connection count.
import net from 'node:net';
import { type HeadLimits, type RequestHead, RequestHeadParser } from './request-head-parser.ts';
import { errorResponse, frameResponse, type Response } from './response-writer.ts';

/** A complete request as the handler sees it. */
export interface Request extends RequestHead {
  readonly body: Buffer;
  readonly remoteAddress: string;
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
  /** Time allowed for a whole request (head and body) to arrive, from its first wait: 408 after it. */
  readonly requestTimeoutMs?: number;
  /** Time an idle keep-alive connection stays open between requests before a quiet close. */
  readonly keepAliveTimeoutMs?: number;
  /** Connections beyond this are closed by the kernel-level accept in net.Server. */
  readonly maxConnections?: number;
}

/** A running server. */
export interface RunningServer extends AsyncDisposable {
  readonly host: string;
  readonly port: number;
  readonly url: string;
  close(): Promise<void>;
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
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    serveConnection(socket, options);
  });
  server.maxConnections = options.maxConnections ?? 1000;
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
    for (const socket of sockets) socket.destroy();
    await closed;
  };
  return {
    host,
    port: address.port,
    url: `http://${host}:${address.port}/`,
    close,
    [Symbol.asyncDispose]: close,
  };
}

// #region connection
function serveConnection(socket: net.Socket, options: ServerOptions): void {
  // Small responses should leave at once, not wait for Nagle to batch them with nothing.
  socket.setNoDelay(true);
  // Without an 'error' listener, one client's ECONNRESET would crash the whole process.
  socket.on('error', () => socket.destroy());
  const requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
  const keepAliveTimeoutMs = options.keepAliveTimeoutMs ?? 5_000;
  let parser = new RequestHeadParser(options.limits);
  let pending: RequestHead | undefined; // a head whose body is still arriving
  let body: Buffer[] = [];
  let bodyBytes = 0;
  let served = 0;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  let idleTimer = false; // true while waiting between keep-alive requests

  const finish = (response: Response, keepAlive: boolean, headOnly = false) => {
    if (closed) return;
    socket.write(frameResponse(response, { keepAlive, headOnly }));
    if (!keepAlive) {
      closed = true;
      clearTimeout(timer);
      socket.removeListener('data', onData);
      // end() sends FIN after the response; destroy soon after so a client that never reads
      // cannot hold the socket open.
      socket.end();
      socket.setTimeout(2_000, () => socket.destroy());
    }
  };

  const arm = () => {
    clearTimeout(timer);
    const idle = served > 0 && parser.buffered === 0 && pending === undefined;
    idleTimer = idle;
    timer = setTimeout(
      () => {
        if (idle) socket.destroy();
        else
          finish(errorResponse(408, `request not complete within ${requestTimeoutMs} ms`), false);
      },
      idle ? keepAliveTimeoutMs : requestTimeoutMs,
    );
  };

  const handle = async (head: RequestHead, requestBody: Buffer) => {
    clearTimeout(timer);
    socket.pause(); // one request at a time: pipelined bytes wait in the kernel until we are done
    let response: Response;
    try {
      response = await options.handler({
        ...head,
        body: requestBody,
        remoteAddress: socket.remoteAddress ?? '',
      });
    } catch (error) {
      response = errorResponse(
        500,
        `handler failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    served += 1;
    finish(response, head.keepAlive, head.method === 'HEAD');
    if (!closed) {
      socket.resume();
      arm();
    }
  };

  const onData = (chunk: Buffer): void => {
    if (closed) return;
    // The first byte of a new request ends the idle wait and starts the request's clock.
    if (idleTimer) {
      idleTimer = false;
      clearTimeout(timer);
      timer = setTimeout(
        () =>
          finish(errorResponse(408, `request not complete within ${requestTimeoutMs} ms`), false),
        requestTimeoutMs,
      );
    }
    let bytes: Buffer = chunk;
    while (bytes.length > 0 && !closed) {
      if (pending === undefined) {
        const result = parser.push(bytes);
        bytes = Buffer.alloc(0);
        if (result.kind === 'need-more') return;
        if (result.kind === 'error') {
          finish(errorResponse(result.error.status, result.error.reason), false);
          return;
        }
        pending = result.head;
        parser = new RequestHeadParser(options.limits);
        bytes = result.rest;
        body = [];
        bodyBytes = 0;
      }
      const need = pending.contentLength - bodyBytes;
      const take = bytes.subarray(0, need);
      body.push(take);
      bodyBytes += take.length;
      bytes = bytes.subarray(take.length);
      if (bodyBytes < pending.contentLength) return;
      const head = pending;
      pending = undefined;
      // Stop reading first, then put pipelined bytes after this request back at the front of the
      // socket's queue: they are read again when handle() resumes the socket.
      socket.pause();
      if (bytes.length > 0) socket.unshift(bytes);
      void handle(head, Buffer.concat(body));
      return;
    }
  };
  socket.on('data', onData);
  // However the connection ends, its timer must not outlive it (it would keep the process alive).
  socket.on('close', () => {
    closed = true;
    clearTimeout(timer);
  });
  arm();
}
// #endregion connection
