// @netprog/cli/bench: what every benchmark command of the course prints besides its numbers:
// the machine it ran on and how loaded it was, and aligned tables of medians. A benchmark is a
// program a person runs and reads, like an example, so its report lives with the command line.

export { describeMachine, loadAverage } from './machine.ts';
export type { Table } from './table.ts';
export { formatMs, formatRate, formatTable, median } from './table.ts';
