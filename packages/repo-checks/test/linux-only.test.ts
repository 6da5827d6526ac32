// Issue 19: what is Linux-only says so where it cannot run, and errno numbers are never written
// out. The rules (src/linux-only/rules.ts) are tested on samples, then held over the whole
// repository; the few files that break one on purpose are listed below, each with its reason.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { codeOnly } from '../src/linux-only/code-only.ts';
import {
  errnoLiteralProblems,
  formatProblem,
  linuxOnlyProblems,
  type RuleProblem,
} from '../src/linux-only/rules.ts';
import { isErrnoChecked, isTestOrExample } from '../src/linux-only/scope.ts';
import { repositoryRoot } from '../src/repository.ts';
import { sourceFiles } from '../src/source-files.ts';

const HELPER = "import { linuxOnly } from '@netprog/testbed/linux-only/tests';";
const messages = (problems: RuleProblem[]) => problems.map(formatProblem);

describe('codeOnly', () => {
  test('blanks comments, keeps strings and line numbers; blanks strings when asked', () => {
    const source = "a('/proc/x'); // /proc/y\n/* '\n */ b(\"it's\");";
    expect(codeOnly(source, 'ts')).toBe("a('/proc/x');  \n \n b(\"it's\");");
    expect(codeOnly(source, 'ts', 'blank')).toBe('a( );  \n \n b( );');
    expect(codeOnly('open("/proc/x")  # /proc/y\n"""doc\n"""', 'py')).toBe(
      'open("/proc/x")   \n"""doc\n"""',
    );
  });
});

describe('linuxOnlyProblems', () => {
  test('/proc, a Linux tool or a function that uses them, without the helper', () => {
    const source = [
      "const fds = await readdir('/proc/self/fd');",
      "await run('getent', ['hosts', 'localhost']);",
      'const entries = await netstat();',
      '// comments do not count: /proc/net/tcp, ss',
      "it('netstat() uses names', () => {});",
      'export async function waitForKernel() {}',
    ].join('\n');
    expect(messages(linuxOnlyProblems('chapters/x/test/a.test.ts', source))).toEqual([
      "chapters/x/test/a.test.ts:1: reads /proc ('/proc/self/fd) without @netprog/testbed/linux-only: say where it cannot run with linuxOnly(why) in tests, exitUnlessLinux / onLinuxOrSay in examples",
      "chapters/x/test/a.test.ts:2: runs a Linux tool ('getent') without @netprog/testbed/linux-only: say where it cannot run with linuxOnly(why) in tests, exitUnlessLinux / onLinuxOrSay in examples",
      'chapters/x/test/a.test.ts:3: calls a Linux-only function (netstat() without @netprog/testbed/linux-only: say where it cannot run with linuxOnly(why) in tests, exitUnlessLinux / onLinuxOrSay in examples',
    ]);
  });

  test('the same uses with the helper are fine; asking the platform by hand never is', () => {
    const source = [HELPER, "const fds = await readdir('/proc/self/fd');"].join('\n');
    expect(linuxOnlyProblems('chapters/x/test/a.test.ts', source)).toEqual([]);
    const byHand = [HELPER, "describe.runIf(process.platform === 'linux')('x', () => {});"];
    expect(messages(linuxOnlyProblems('labs/x/tests/a.test.ts', byHand.join('\n')))).toEqual([
      "labs/x/tests/a.test.ts:2: process.platform === 'linux': ask @netprog/testbed/linux-only instead (isLinux, linuxOnly), so the reason is said",
    ]);
    // testbed's own tests import it by path.
    const own = "import { linuxOnly } from '../../src/linux-only/tests.ts';\nreadFile('/proc/1');";
    expect(linuxOnlyProblems('packages/testbed/test/wire/a.test.ts', own)).toEqual([]);
  });

  test('Python programs: netprog.linux_only', () => {
    const bare = 'lines = Path("/proc/net/tcp").read_text()\nif sys.platform != "linux": pass';
    expect(messages(linuxOnlyProblems('python/lifecycle.py', bare))).toEqual([
      'python/lifecycle.py:1: reads /proc ("/proc/net/tcp) without netprog.linux_only: say where it cannot run with exit_unless_linux / on_linux_or_say',
      'python/lifecycle.py:2: sys.platform != "linux": ask netprog.linux_only instead (linux_only_reason), so the reason is said',
    ]);
    const helped = `from netprog.linux_only import exit_unless_linux\n${bare.split('\n')[0]}`;
    expect(linuxOnlyProblems('python/lifecycle.py', helped)).toEqual([]);
  });
});

describe('errnoLiteralProblems', () => {
  test('an errno compared with a number written out, in every form the course had', () => {
    const source = [
      'expect(error.errno).toBe(111);',
      'if (e.errno === 110) retry();',
      "expect(error.errno).toBe(process.platform === 'darwin' ? 8 : -2);",
      "expect(['ETIMEDOUT'].map(errnoNumber)).toEqual([110]);",
      'expect(await s.connectEx(address)).toBe(111);',
      "expect(said).toBe('[Errno 98] Address already in use');",
      'if e.errno == 111: pass',
    ].join('\n');
    expect(errnoLiteralProblems('a.test.ts', source).map((p) => p.line)).toEqual([
      1, 2, 3, 4, 5, 6, 7,
    ]);
  });

  test('names, 0 (success), h_errno and numbers in comments are fine', () => {
    const source = [
      'expect(error.errno).toBe(os.constants.errno.ECONNREFUSED); // 111 on Linux',
      'expect(await s.connectEx(address)).toBe(0);',
      "expect(line).toBe('socket.herror [Errno 1] Unknown host');",
      'expect(typo.errno).toBe(0);',
    ].join('\n');
    expect(errnoLiteralProblems('a.test.ts', source)).toEqual([]);
  });
});

describe('which files each rule reads', () => {
  test('tests, examples and the Python programs; the errno tables are exempt', () => {
    expect(isTestOrExample('chapters/02-socket-lifecycle/examples/backlog.ts')).toBe(true);
    expect(isTestOrExample('labs/chapter2/tests/find-connection.test.ts')).toBe(true);
    expect(isTestOrExample('python/lifecycle.py')).toBe(true);
    expect(isTestOrExample('packages/socket-core/src/netstat/netstat.ts')).toBe(false);
    expect(isErrnoChecked('chapters/03-client/src/scanner.ts')).toBe(true);
    expect(isErrnoChecked('packages/socket-core/src/errno.ts')).toBe(false);
  });
});

/** Files that break a rule on purpose, and why. */
const ALLOWED = new Map([
  ['packages/repo-checks/src/linux-only/rules.ts', "the rules' own patterns and examples"],
  ['packages/repo-checks/test/linux-only.test.ts', 'the samples the rules must find'],
  [
    'packages/proc-net/test/socket-inodes.test.ts',
    'calls socketInodesOf and socketOwners as darwin, to test how they refuse off Linux',
  ],
  [
    'packages/lab/test/fixtures/early-start-parent.mjs',
    "run only by early-start.test.ts's Linux-only test, to list its own children from /proc",
  ],
  [
    'chapters/01-resolution/test/mask-system-answers.test.ts',
    'a sample line for the masking function, which masks it: no number is compared',
  ],
  ['packages/socket-core/test/errno.test.ts', "the table's own test: Linux's numbers, on Linux"],
]);

test('the repository: Linux-only uses say so, and no errno number is written out', () => {
  const files = [...sourceFiles(repositoryRoot), ...sourceFiles(repositoryRoot, /\.py$/)];
  // The walk must really see the repository, Python programs included (a class copy exported
  // with one lab and no docs/ still has over 700 such files).
  expect(files).toContain('python/lifecycle.py');
  expect(files.length).toBeGreaterThan(500);
  const problems = files.flatMap((file) => {
    if (!isTestOrExample(file) && !isErrnoChecked(file)) return [];
    const source = readFileSync(join(repositoryRoot, file), 'utf8');
    return [
      ...(isTestOrExample(file) ? linuxOnlyProblems(file, source) : []),
      ...(isErrnoChecked(file) ? errnoLiteralProblems(file, source) : []),
    ];
  });
  expect(messages(problems.filter((p) => !ALLOWED.has(p.file)))).toEqual([]);
  // An entry that no longer breaks a rule must go, with its reason.
  const stale = [...ALLOWED.keys()].filter((file) => !problems.some((p) => p.file === file));
  expect(stale, 'allowed, but breaking no rule any more').toEqual([]);
});
