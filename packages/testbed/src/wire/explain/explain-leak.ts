// A socket left open, explained by its state: the state says who closed what, and so what the
// code forgot to do.
import { formatEndpoint } from '../show/roles.ts';
import type { SocketView } from './describe-sockets.ts';

/**
 * One sentence on why `socket` is still there and what to do, from its state.
 *
 * @example
 * explainLeak({ protocol: 'tcp', state: 'CLOSE_WAIT', local: ['127.0.0.1', 50122],
 *   remote: ['127.0.0.1', 41873], txQueue: 0, rxQueue: 0 });
 * // 'TCP 127.0.0.1:50122 → 127.0.0.1:41873 is in CLOSE_WAIT: the peer closed and you never did
 * //  (call end() or destroy() once you have read to the end)'
 */
export function explainLeak(socket: SocketView): string {
  const local = formatEndpoint(socket.local);
  const pair = socket.remote === undefined ? local : `${local} → ${formatEndpoint(socket.remote)}`;
  const unread = socket.rxQueue > 0 ? `, with ${socket.rxQueue} B it never read` : '';
  if (socket.protocol === 'udp') {
    const what =
      socket.remote === undefined ? `UDP socket bound to ${local}` : `connected UDP socket ${pair}`;
    return `a ${what} is still open${unread}: close() it when you are done`;
  }
  switch (socket.state) {
    case 'LISTEN':
      return `a TCP server still listens on ${local}: close it (server.close()) when you are done`;
    case 'CLOSE_WAIT':
      return `TCP ${pair} is in CLOSE_WAIT${unread}: the peer closed and you never did (call end() or destroy() once you have read to the end)`;
    case 'ESTABLISHED':
      return `TCP ${pair} is still ESTABLISHED${unread}: neither side closed it; end() or destroy() it when you are done`;
    case 'SYN_SENT':
      return `a connect from ${local} to ${socket.remote === undefined ? '?' : formatEndpoint(socket.remote)} is still pending (SYN_SENT): nothing answered it and no timeout gave up on it`;
    case 'SYN_RECV':
    case 'NEW_SYN_RECV':
      return `TCP ${pair} is half-way through its handshake (${socket.state}): a connection nobody accepted yet`;
    case 'FIN_WAIT1':
    case 'FIN_WAIT2':
      return `TCP ${pair} is in ${socket.state}: you closed your side (FIN, end()) and the peer never closed theirs; destroy() the socket if you will not read any more`;
    case 'CLOSING':
    case 'LAST_ACK':
      return `TCP ${pair} is in ${socket.state}: both sides have closed and the kernel is finishing; not a leak unless it stays`;
    case 'TIME_WAIT':
      return `TCP ${pair} is in TIME_WAIT: not a leak; the kernel keeps a connection's ports for a minute after the side that closed first is done, and no program holds it`;
    default:
      return `TCP ${pair} is still open (${socket.state})${unread}: close it when you are done`;
  }
}
