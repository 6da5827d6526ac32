// @netprog/testbed/bench: what every benchmark command of the course prints besides its numbers:
// the machine it ran on and how loaded it was, and aligned tables of medians.

export { describeMachine, loadAverage } from './machine.ts';
export type { Table } from './table.ts';
export { formatMs, formatRate, formatTable, median } from './table.ts';
