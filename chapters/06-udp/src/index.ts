// Chapter 6, UDP: the pinger, its statistics, "your own dig" (with its name and reply checks), the TCP receive-queue check of the
// boundary demo, and the examples' CLI plumbing.
export { parseProbability, parseServer, runMain } from './cli.ts';
export type { DigOptions, DigResult, DigType, DnsResponse } from './dig.ts';
export {
  answersQuestion,
  buildQuery,
  DIG_TYPES,
  DnsReplyError,
  dig,
  formatDig,
  hexDump,
} from './dig.ts';
export { checkDnsName, DnsNameError, MAX_LABEL_OCTETS, MAX_NAME_OCTETS } from './dns-name.ts';
export { checkDnsMessage } from './dns-reply-check.ts';
export { formatPing, replySeq } from './ping-message.ts';
export type { PingResult, PingSummary } from './ping-stats.ts';
export { formatResult, formatSummary, summarise } from './ping-stats.ts';
export type { PingOptions } from './pinger.ts';
export { ping } from './pinger.ts';
export { waitForReceiveQueue } from './receive-queue.ts';
