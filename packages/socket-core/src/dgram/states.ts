// The life of a UDP DatagramSocket as a table. There is no listening or accepting in UDP, and
// connect() sends nothing: it only fixes the peer.
import type { Transitions } from '../state-machine.ts';

/**
 * Where a DatagramSocket is in its life:
 * - `fresh`: created; no port yet (Python: laddr ('0.0.0.0', 0)).
 * - `bound`: has a local address, from bind() or implicitly from the first sendto().
 * - `connected`: connect() fixed the peer: send() needs no address, and only that peer's
 *   datagrams are received. No packet was exchanged to get here.
 * - `closed`: every call except close() fails with EBADF.
 */
export type DatagramState = 'fresh' | 'bound' | 'connected' | 'closed';

/**
 * What happens to a DatagramSocket: bind (explicit, or the implicit bind before the first
 * sendto or connect), connect, disconnect (connect() to another peer drops the old one first),
 * close.
 */
export type DatagramEvent = 'bind' | 'connect' | 'disconnect' | 'close';

/**
 * state × event → next state ('-': the event is refused in that state):
 *
 *               bind    connect    disconnect  close
 *   fresh       bound   -          -           closed
 *   bound       -       connected  -           closed
 *   connected   -       -          bound       closed
 *   closed      -       -          -           -
 *
 * (test/states.test.ts checks that this comment and the code below say the same.)
 */
export const DATAGRAM_TRANSITIONS: Transitions<DatagramState, DatagramEvent> = {
  fresh: { bind: 'bound', close: 'closed' },
  bound: { connect: 'connected', close: 'closed' },
  connected: { disconnect: 'bound', close: 'closed' },
  closed: {},
};
