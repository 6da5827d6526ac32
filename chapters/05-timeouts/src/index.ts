// @netprog/ch05-timeouts: timeouts, deadlines, retries and errno, on plain node:net.

export type { ConnectOptions } from './connect-with-timeout.ts';
export { connectWithTimeout } from './connect-with-timeout.ts';
export type { DeadlineOptions } from './deadline.ts';
export { DeadlineError, startDeadline, withDeadline } from './deadline.ts';
export type { ErrnoRow, ErrnoTableOptions } from './errno-table.ts';
export { differingRows, formatErrnoTable } from './errno-table.ts';
export { openTcpSockets } from './open-handles.ts';
export type { ReadExactlyOptions } from './read-timeout.ts';
export { readExactly, recvWithTimeout } from './read-timeout.ts';
export type { BackoffOptions, Jitter, RetryEvent, RetryOptions } from './retry.ts';
export { backoffSchedule, computeDelay, RetryError, retry } from './retry.ts';
export type { Classification, RetryRule } from './retryable.ts';
export { classifyError, errorCode, isRetryable, RETRY_RULES } from './retryable.ts';
export { since } from './since.ts';
export type { SynRetrySchedule, SynRetrySettings } from './syn-retries.ts';
export { readSynRetrySettings, synRetrySchedule } from './syn-retries.ts';
export type { TimeoutErrnoError } from './timeout-error.ts';
export { timeoutError } from './timeout-error.ts';
