// Chapter 2's library code: the helpers its examples and tests share.
export { hasIpv6Loopback } from './ipv6-loopback.ts';
export type { KernelLimits } from './kernel-limits.ts';
export { effectiveBacklog, kernelLimits } from './kernel-limits.ts';
export { describeEntry, kernelView, waitForEntry } from './kernel-view.ts';
export type { ListenAttempt } from './low-port-attempt.ts';
export { listenInChild, NOBODY } from './low-port-attempt.ts';
export type { PrivilegedBindPrediction, PrivilegeFacts } from './privileged-ports.ts';
export {
  CAP_NET_BIND_SERVICE,
  parseCapEff,
  predictPrivilegedBind,
  privilegeFacts,
} from './privileged-ports.ts';
export { pythonBind } from './python-bind.ts';
export { closeListener, listenReusingPort } from './reuse-port.ts';
export { kernelBacklog, runSs } from './run-ss.ts';
export type { SsRow } from './ss-output.ts';
export { parseSsEndpoint, parseSsOutput, parseSsUsers } from './ss-output.ts';
