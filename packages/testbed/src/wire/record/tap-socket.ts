// Recording a net.Socket without changing what it does. The obvious way, a 'data' listener,
// would switch the socket to flowing mode: a fixture that means not to read (to let a client's
// writes pile up) would suddenly read everything. So the tap listens where Node itself hands bytes
// over: `push()` is how Node delivers what it read from the kernel (whether or not anyone consumes
// it), `_write()`/`_writev()` are how a write reaches the kernel and `_final()` how end() shuts the
// sending side. They are the documented extension points of streams; the tap wraps them on this
// one socket and calls the originals unchanged.
import type net from 'node:net';
import { otherSide, type Side } from './transcript.ts';
import type { ConnectionRecord } from './wire-log.ts';

/** What an 'error' event says about the peer, for the codes that mean it reset the connection. */
const RESET_CODES: Readonly<Record<string, string>> = {
  ECONNRESET: "'error' ECONNRESET",
  EPIPE: "'error' EPIPE (a write after the peer had reset)",
};

/**
 * Records everything `socket` sends and receives into `record`. `mine` is the side the socket
 * plays: a server fixture's accepted socket is 'server', a recording client's socket 'client'.
 *
 * - bytes received: each `push(chunk)`; end of file (`push(null)`) is the peer's FIN;
 * - bytes sent: each `_write`/`_writev`, when the write reaches the kernel;
 * - our FIN: `_final`, which Node calls once end() was called and every write before it is done,
 *   to shut the sending side down (the 'finish' event comes later, after the shutdown completes,
 *   by when the peer may already have answered);
 * - the peer's RST: 'error' with ECONNRESET or EPIPE, or 'close' with hadError;
 * - 'close': the socket is gone, so no /proc probe is worth taking.
 *
 * @example
 * const record = wire.open({ protocol: 'tcp', fixture: 'server', label: 'echo', server, client });
 * record.connect();
 * tapSocket(socket, record, 'server');
 */
export function tapSocket(socket: net.Socket, record: ConnectionRecord, mine: Side): void {
  const peer = otherSide(mine);
  let reset = false;

  const push = socket.push;
  socket.push = function tappedPush(chunk: unknown, encoding?: BufferEncoding): boolean {
    if (chunk === null) record.fin(peer);
    else if (chunk instanceof Uint8Array) record.data(peer, chunk);
    return push.call(this, chunk, encoding);
  };

  const write = socket._write;
  socket._write = function tappedWrite(chunk, encoding, callback): void {
    record.data(mine, chunk as Uint8Array | string, encoding);
    write.call(this, chunk, encoding, callback);
  };
  const writev = socket._writev;
  if (writev !== undefined) {
    socket._writev = function tappedWritev(chunks, callback): void {
      for (const { chunk, encoding } of chunks) {
        record.data(mine, chunk as Uint8Array | string, encoding);
      }
      writev.call(this, chunks, callback);
    };
  }

  const final = socket._final;
  socket._final = function tappedFinal(callback): void {
    record.fin(mine);
    final.call(this, callback);
  };
  socket.on('error', (error: NodeJS.ErrnoException) => {
    const seenAs = RESET_CODES[error.code ?? ''];
    if (seenAs !== undefined && !reset) {
      reset = true;
      record.rst(peer, seenAs);
    } else if (seenAs === undefined && record.refusedWith === undefined) {
      record.note(`'error' ${error.code ?? error.message}`);
    }
  });
  socket.on('close', (hadError: boolean) => {
    if (hadError && !reset) record.rst(peer, "'close' with hadError");
    record.closed();
  });
}
