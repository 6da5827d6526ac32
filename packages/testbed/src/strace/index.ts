// @netprog/testbed/strace: proving that a program, and every process it starts, stays on loopback.
export type { TracedDestination } from './parse-trace.ts';
export { isUnspecified, offLoopback, parseTrace, summariseTrace } from './parse-trace.ts';
export { runTraced, TRACE_FILE_ENV, TRACED_ENV } from './run-traced.ts';
export type { TraceOptions, TraceResult } from './trace-command.ts';
export { straceUnavailable, TRACED_SYSCALLS, traceCommand } from './trace-command.ts';
