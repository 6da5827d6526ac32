// @netprog/testbed/timing: asserting that a timeout fired on time, on a machine that may be busy,
// and bounding a test's own waits.

export { expectNearLimit, TIMING_RETRIES, TOLERANCE } from './near-limit.ts';
export { within } from './within.ts';
