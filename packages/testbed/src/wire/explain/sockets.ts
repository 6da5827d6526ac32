// @netprog/testbed/wire/sockets: the sockets a process holds and what a leaked one means, alone,
// for a caller that needs only these (the grader's leak check) and not the whole wire view.
export type { SocketView } from './describe-sockets.ts';
export { describeSockets } from './describe-sockets.ts';
export { explainLeak } from './explain-leak.ts';
