// The life of a TCP Socket as a table: which event moves it from which state to which.
// SocketState (src/types.ts) says what each state means; the events are:
//
// - bind: bind() recorded a local address.
// - listen, connect: listen() or connect() started (Node now creates the OS socket).
// - accepted: a connection Node accepted became a Socket, ready for accept() to hand out.
// - established: the TCP handshake of connect() completed.
// - failed: listen() or connect() failed, timed out or was abandoned; the socket is back where
//   it was before (fresh, or bound if bind() had recorded an address) and may try again.
// - close: close() was called.
import { BACK, type Transitions } from '../state-machine.ts';
import type { SocketState } from '../types.ts';

/** What happens to a TCP Socket; see the table below. */
export type TcpEvent =
  | 'bind'
  | 'listen'
  | 'connect'
  | 'accepted'
  | 'established'
  | 'failed'
  | 'close';

/**
 * state × event → next state ('-': the event is refused in that state):
 *
 *                bind    listen     connect     accepted   established  failed  close
 *   fresh        bound   listening  connecting  connected  -            -       closed
 *   bound        -       listening  connecting  -          -            -       closed
 *   listening    -       -          -           -          -            back    closed
 *   connecting   -       -          -           -          connected    back    closed
 *   connected    -       -          -           -          -            -       closed
 *   closed       -       -          -           -          -            -       -
 *
 * (test/states.test.ts checks that this comment and the code below say the same.)
 */
export const TCP_TRANSITIONS: Transitions<SocketState, TcpEvent> = {
  fresh: {
    bind: 'bound',
    listen: 'listening',
    connect: 'connecting',
    accepted: 'connected',
    close: 'closed',
  },
  bound: { listen: 'listening', connect: 'connecting', close: 'closed' },
  listening: { failed: BACK, close: 'closed' },
  connecting: { established: 'connected', failed: BACK, close: 'closed' },
  connected: { close: 'closed' },
  closed: {},
};
