// Which files each rule reads. Linux-only uses must say so in tests and examples (and the Python
// programs, which are the examples' twins): that is where a reader on macOS runs into them.
// Library code may read /proc, if it refuses clearly elsewhere (netstat(), socketOwners()). No
// errno number is written out anywhere in the course, except in the tables that hold them.

/** Tests, examples and the Python programs: where a Linux-only use must go through the helper. */
const TESTS_AND_EXAMPLES =
  /^(?:(?:chapters\/[^/]+\/(?:test|examples)|labs\/[^/]+\/tests|packages\/[^/]+\/(?:test|examples)|docs\/test|python\/test)\/|python\/[^/]+\.py$)/;

/** The course's code: where no errno number may be written out. */
const COURSE_CODE = /^(?:chapters|labs|packages|python|docs)\//;

/** The tables: the one place errno and EAI numbers are written out, per platform. */
export const ERRNO_TABLES: readonly string[] = [
  'packages/socket-core/src/errno.ts',
  'packages/socket-core/src/resolution/eai-codes.ts',
];

/**
 * Whether a Linux-only use in `file` must go through the helper.
 * @example
 * isTestOrExample('chapters/02-socket-lifecycle/examples/backlog.ts') // true
 * isTestOrExample('packages/socket-core/src/netstat/netstat.ts') // false: library code
 */
export function isTestOrExample(file: string): boolean {
  return TESTS_AND_EXAMPLES.test(file);
}

/**
 * Whether `file` is course code in which no errno number may be written out.
 * @example
 * isErrnoChecked('chapters/03-client/src/scanner.ts') // true
 * isErrnoChecked('packages/socket-core/src/errno.ts') // false: the table itself
 */
export function isErrnoChecked(file: string): boolean {
  return COURSE_CODE.test(file) && !ERRNO_TABLES.includes(file);
}
