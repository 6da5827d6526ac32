export { closedUdpPort } from './closed-udp-port.ts';
export type {
  LossyResponder,
  LossyUdpOptions,
  LossyUdpPeer,
  LossyUdpStats,
} from './listen-lossy-udp.ts';
export { listenLossyUdp } from './listen-lossy-udp.ts';
export type { LossyDecision, LossyOptions } from './lossy-plan.ts';
export { LossyPlan, MAX_LOSSY_DELAY_MS } from './lossy-plan.ts';
