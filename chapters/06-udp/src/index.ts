// Chapter 6, UDP: the pinger, its statistics, "your own dig", the TCP receive-queue check of the
// boundary demo, and the examples' CLI plumbing.
export { parseProbability, parseServer, runMain } from './cli.ts';
export type { DigOptions, DigResult, DigType, DnsResponse } from './dig.ts';
export { answersQuestion, buildQuery, DIG_TYPES, dig, formatDig, hexDump } from './dig.ts';
export { formatPing, replySeq } from './ping-message.ts';
export type { PingResult, PingSummary } from './ping-stats.ts';
export { formatResult, formatSummary, summarise } from './ping-stats.ts';
export type { PingOptions } from './pinger.ts';
export { ping } from './pinger.ts';
export { waitForReceiveQueue } from './receive-queue.ts';
