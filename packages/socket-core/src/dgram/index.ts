// Chapter 6, UDP: the Berkeley SOCK_DGRAM calls (sendto, recvfrom, connected UDP) over node:dgram.

export type { Datagram } from './datagram-queue.ts';
export { DatagramQueue, DEFAULT_QUEUE_BYTES } from './datagram-queue.ts';
export type { ReceivedMessage } from './datagram-socket.ts';
export { DatagramSocket, udpSocket } from './datagram-socket.ts';
export { dgramFd } from './dgram-handle.ts';
export type { DatagramState } from './states.ts';
