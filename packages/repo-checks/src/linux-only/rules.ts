// The two rules of issue 19, as pure functions over one file's text. A test or an example that
// reads /proc, runs ss/getent/unshare/ip/strace or calls what does, says so where it cannot run:
// it goes through @netprog/testbed/linux-only (Python: netprog.linux_only). And no code compares
// an errno with a number written out: the numbers differ between Linux and macOS, so they come
// from os.constants.errno or socket-core's table.
import { importsOf } from '../imports.ts';
import { codeOnly } from './code-only.ts';

/** One broken rule: where, and a line saying what and what to do. */
export interface RuleProblem {
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

/** A rule: what it finds, in code with its strings kept or blanked, and its words for the report. */
type Marker = readonly [pattern: RegExp, strings: 'keep' | 'blank', what: string];

/** What in a test or an example needs Linux. */
const LINUX_ONLY_TS: readonly Marker[] = [
  [/(['"`])\/proc\/[^'"`]*/g, 'keep', 'reads /proc'],
  [/(['"`])(?:ss|getent|unshare|ip|strace)\1/g, 'keep', 'runs a Linux tool'],
  // What reads /proc or runs those tools on the caller's behalf (their definitions do not count).
  [
    /(?<!function\s+)\b(?:netstat|waitForEntry|kernelView|kernelBacklog|runSs|waitForReceiveQueue|socketInodesOf|socketOwners|describeSockets|waitForKernel|traceCommand|runPythonWithFakeDns)\(/g,
    'blank',
    'calls a Linux-only function',
  ],
];
const LINUX_ONLY_PY: readonly Marker[] = [
  [/(['"])\/proc\/[^'"]*/g, 'keep', 'reads /proc'],
  [/(['"])(?:ss|getent|unshare|ip|strace)\1/g, 'keep', 'runs a Linux tool'],
];

/** Asking the platform by hand instead of through the helper. */
const PLATFORM_TS =
  /process\.platform\s*[!=]==?\s*(['"])linux\1|(['"])linux\2\s*[!=]==?\s*process\.platform/g;
const PLATFORM_PY = /sys\.platform\s*[!=]=\s*(['"])linux\1|(['"])linux\2\s*[!=]=\s*sys\.platform/g;

/** Whether a TypeScript file uses testbed's linux-only helper (by name, or testbed's own files). */
function usesHelperTs(source: string): boolean {
  return importsOf(source).some(
    (specifier) =>
      specifier.startsWith('@netprog/testbed/linux-only') ||
      /(?:^|\/)linux-only\/(?:index|tests|examples|reason)\.ts$/.test(specifier),
  );
}

/** Whether a Python program uses netprog.linux_only. */
function usesHelperPy(source: string): boolean {
  return /^\s*(?:from\s+(?:netprog\.|\.)linux_only\s+import\b|import\s+netprog\.linux_only\b)/m.test(
    source,
  );
}

/** The 1-based line of `index` in `text`. */
function lineAt(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

function findAll(
  file: string,
  code: string,
  pattern: RegExp,
  message: (match: string) => string,
): RuleProblem[] {
  return [...code.matchAll(pattern)].map((match) => ({
    file,
    line: lineAt(code, match.index),
    message: message(match[0]),
  }));
}

/**
 * The Linux-only things a test or example (or a Python program) uses without the helper, and
 * every by-hand comparison of the platform with 'linux'. Empty when all is well.
 * @example
 * linuxOnlyProblems('chapters/04-server/test/a.test.ts', "readdir('/proc/self/fd')")
 * // [{ file: '…', line: 1, message: "reads /proc ('/proc/self/fd') without …" }]
 */
export function linuxOnlyProblems(file: string, source: string): RuleProblem[] {
  const python = file.endsWith('.py');
  const language = python ? 'py' : 'ts';
  const code = codeOnly(source, language);
  const helper = python ? 'netprog.linux_only' : '@netprog/testbed/linux-only';
  const todo = python
    ? 'exit_unless_linux / on_linux_or_say'
    : 'linuxOnly(why) in tests, exitUnlessLinux / onLinuxOrSay in examples';
  const uses = python ? usesHelperPy(source) : usesHelperTs(source);
  const problems = uses
    ? []
    : (python ? LINUX_ONLY_PY : LINUX_ONLY_TS).flatMap(([pattern, strings, what]) =>
        findAll(
          file,
          strings === 'keep' ? code : codeOnly(source, language, 'blank'),
          pattern,
          (match) => `${what} (${match}) without ${helper}: say where it cannot run with ${todo}`,
        ),
      );
  const byHand = findAll(
    file,
    code,
    python ? PLATFORM_PY : PLATFORM_TS,
    (match) =>
      `${match}: ask ${helper} instead (${python ? 'linux_only_reason' : 'isLinux, linuxOnly'}), so the reason is said`,
  );
  return [...problems, ...byHand].sort((a, b) => a.line - b.line);
}

/** An errno compared with a number written out (0, success, is a number on every platform). */
const ERRNO_LITERALS: readonly RegExp[] = [
  /\berrno\b\)?\s*(?:[!=]==?|\.to(?:Be|Equal|StrictEqual)\()\s*-?[1-9]\d*\b/g,
  // The same, one number per platform: `toBe(process.platform === 'darwin' ? 8 : -2)`.
  /\berrno\b\)?\s*(?:[!=]==?|\.to(?:Be|Equal|StrictEqual)\()[^;\n]*\?\s*-?\d+\s*:\s*-?\d+/g,
  // What errnoNumber() gives, expected to be a number written out.
  /\berrnoNumber\b[^;\n]*?\)\)?\.to(?:Be|Equal|StrictEqual)\(\s*\[?\s*-?[1-9]\d*/g,
  /(?<![\w.])-?[1-9]\d*\s*[!=]==?\s*[\w.]*\berrno\b/g,
  /\b(?:connectEx|connect_ex)\((?:[^()]|\([^()]*\))*\)\)?\s*(?:[!=]==?|\.to(?:Be|Equal)\()\s*-?[1-9]\d*\b/g,
  // Python's printed OSError, expected with a number; h_errno (herror) numbers are the same
  // everywhere and are not errnos.
  /(?<!herror )\[Errno -?[1-9]\d*\]/g,
];

/**
 * Every place `source` compares an errno with a number written out, instead of
 * os.constants.errno.NAME or socket-core's errnoNumber / errnoReference.
 * @example
 * errnoLiteralProblems('a.test.ts', 'expect(error.errno).toBe(111);')
 * // [{ file: 'a.test.ts', line: 1, message: "errno).toBe(111: an errno number written out ..." }]
 */
export function errnoLiteralProblems(file: string, source: string): RuleProblem[] {
  const code = codeOnly(source, file.endsWith('.py') ? 'py' : 'ts');
  return ERRNO_LITERALS.flatMap((pattern) =>
    findAll(
      file,
      code,
      pattern,
      (match) =>
        `${match}: an errno number written out (Linux's and macOS's differ); use os.constants.errno.NAME, errnoNumber('NAME') or errnoReference`,
    ),
  ).sort((a, b) => a.line - b.line);
}

/**
 * One line for a report: `file:line: message`.
 * @example
 * formatProblem({ file: 'a.ts', line: 3, message: 'x' }) // 'a.ts:3: x'
 */
export function formatProblem(problem: RuleProblem): string {
  return `${problem.file}:${problem.line}: ${problem.message}`;
}
