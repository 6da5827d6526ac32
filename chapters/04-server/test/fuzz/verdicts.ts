// What each server made of one connection's bytes: the requests it accepted (each would get its
// handler's 200), in order, and whether it refused what came after. Our server and node:http run
// their real code over in-memory sockets (memory-socket.ts).
import http from 'node:http';
import type net from 'node:net';
import {
  createHttpService,
  type HttpService,
  type Request,
  type RunningServer,
  startServer,
} from '../../src/server.ts';
import { memorySocket } from './memory-socket.ts';

/** One request a server accepted and answered 200: how it read the request line and the body. */
export interface Accepted {
  readonly method: string;
  readonly target: string;
  readonly bodyBytes: number;
}

/** A server's verdict on one connection. */
export interface Verdict {
  readonly accepted: readonly Accepted[];
  /** The status line of a refusal our server sent, or node:http's parser error code. */
  readonly refused?: string;
}

/** Both servers give up on a connection within this time after the client's FIN, or it is a hang. */
const CLOSE_WITHIN_MS = 2_000;

type Limits = { readonly maxHeadBytes: number; readonly maxBodyBytes: number };

/**
 * Our server, its real code (createHttpService) with a handler that answers 200 to everything
 * and notes what it was given: over in-memory connections, or listening on loopback.
 */
export class OurServer {
  readonly #limits: Limits;
  readonly #service: HttpService;
  readonly #byPort = new Map<number, Accepted[]>();
  #nextPort = 1;
  #listening: RunningServer | undefined;
  /** Requests the listening server accepted since the last takeVerdict(). */
  #recent: Accepted[] = [];

  constructor(limits: Limits) {
    this.#limits = limits;
    this.#service = createHttpService({
      limits,
      handler: (request) => {
        this.#byPort.get(request.remotePort)?.push(acceptedOf(request));
        return { status: 200, body: 'ok' };
      },
    });
  }

  async verdict(chunks: readonly Buffer[]): Promise<Verdict> {
    // The port the handler sees tells the connections apart.
    const port = this.#nextPort;
    this.#nextPort = (this.#nextPort % 65_535) + 1;
    const accepted: Accepted[] = [];
    this.#byPort.set(port, accepted);
    const connection = memorySocket(port);
    this.#service.serve(connection.socket);
    connection.send(chunks);
    try {
      await connection.closed(CLOSE_WITHIN_MS);
    } finally {
      this.#byPort.delete(port);
    }
    return ourVerdict(accepted, connection.written().toString('latin1'));
  }

  /** Starts the same server on 127.0.0.1, port 0 (startServer). */
  async listen(): Promise<RunningServer> {
    this.#listening = await startServer({
      limits: this.#limits,
      handler: (request) => {
        this.#recent.push(acceptedOf(request));
        return { status: 200, body: 'ok' };
      },
    });
    return this.#listening;
  }

  /** The verdict on the loopback connections since the last call, given what the client got. */
  takeVerdict(reply: string): Verdict {
    const verdict = ourVerdict(this.#recent, reply);
    this.#recent = [];
    return verdict;
  }

  async close(): Promise<void> {
    this.#service.close();
    await this.#listening?.close();
  }
}

const acceptedOf = (request: Request): Accepted => ({
  method: request.method,
  target: request.target,
  bodyBytes: request.body.length,
});

function ourVerdict(accepted: readonly Accepted[], reply: string): Verdict {
  const refusal = /HTTP\/1\.1 [45]\d\d [^\r]*/.exec(reply);
  return refusal === null ? { accepted } : { accepted, refused: refusal[0] };
}

interface SeenRequest {
  readonly request: http.IncomingMessage;
  bodyBytes: number;
}

/**
 * node:http's server, the oracle: fed the same in-memory connections, or listening on loopback
 * for the sample sent over real sockets.
 */
export class NodeServer {
  readonly #server: http.Server;
  readonly #requests = new WeakMap<object, SeenRequest[]>();
  readonly #errors = new WeakMap<object, string>();
  /** Connections accepted since the last takeVerdict(), for the loopback sample. */
  #recent: object[] = [];

  constructor(limits: { maxHeadBytes: number }) {
    this.#server = http.createServer({ maxHeaderSize: limits.maxHeadBytes });
    this.#server.prependListener('connection', (socket: object) => {
      this.#requests.set(socket, []);
      this.#recent.push(socket);
    });
    const onRequest =
      (status: number) => (request: http.IncomingMessage, response: http.ServerResponse) => {
        const seen = { request, bodyBytes: 0 };
        this.#requests.get(request.socket)?.push(seen);
        request.on('data', (chunk: Buffer) => {
          seen.bodyBytes += chunk.length;
        });
        request.on('end', () => {
          response.statusCode = status;
          response.end('ok');
        });
      };
    this.#server.on('request', onRequest(200));
    // A request with an Expect other than 100-continue goes here instead; without a listener
    // node:http answers 417 itself and the request would be missing from the list. It was parsed
    // like any other, and its framing is what is compared.
    this.#server.on('checkExpectation', onRequest(417));
    this.#server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
      this.#errors.set(socket, error.code ?? error.message);
      socket.destroy();
    });
  }

  async verdict(chunks: readonly Buffer[]): Promise<Verdict> {
    const connection = memorySocket(1);
    this.#server.emit('connection', connection.socket);
    connection.send(chunks);
    await connection.closed(CLOSE_WITHIN_MS);
    return this.takeVerdict();
  }

  /** Listens on 127.0.0.1, port 0. */
  async listen(): Promise<{ host: string; port: number }> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    return { host: '127.0.0.1', port: (this.#server.address() as net.AddressInfo).port };
  }

  /**
   * The verdict on the connections since the last call.
   * A request counts as accepted when llhttp saw all of it (request.complete), even if a later
   * request's error closed the connection before its 'end' event: its handler had been called.
   */
  takeVerdict(): Verdict {
    const accepted: Accepted[] = [];
    let refused: string | undefined;
    for (const socket of this.#recent) {
      for (const { request, bodyBytes } of this.#requests.get(socket) ?? []) {
        if (!request.complete) continue;
        // The body bytes are those read plus any still buffered in the request stream.
        const body = bodyBytes + request.readableLength;
        accepted.push({ method: request.method ?? '', target: request.url ?? '', bodyBytes: body });
      }
      refused ??= this.#errors.get(socket);
    }
    this.#recent = [];
    return refused === undefined ? { accepted } : { accepted, refused };
  }

  async close(): Promise<void> {
    if (!this.#server.listening) return;
    this.#server.closeAllConnections();
    await new Promise((resolve) => this.#server.close(resolve));
  }
}
