// @netprog/testbed/timing: asserting that a timeout fired on time, on a machine that may be busy.

export { expectNearLimit, TIMING_RETRIES, TOLERANCE } from './near-limit.ts';
