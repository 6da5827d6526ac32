// Every program of the chapter, run once as a reader would with a bad command line: one line on
// stderr naming the argument and exit code 2, before anything else is printed. None of them takes
// an argument (each starts every server it needs on loopback). The parser's every rule is tested
// in packages/cli; here each program shows it is wired to it. The runs go in parallel: each is a
// fresh Node process.
import { fileURLToPath } from 'node:url';
import { type BadCommandLine, testBadCommandLines } from '@netprog/testbed/bad-command-lines';

const example = (name: string): string =>
  fileURLToPath(new URL(`../examples/${name}`, import.meta.url));

const cases: BadCommandLine[] = [
  ['address-errors.ts', ['8080'], 'address-errors.ts takes no arguments, got "8080"'],
  ['backlog.ts', ['--backlog', '3'], 'backlog.ts takes no arguments, got "--backlog"'],
  ['bind-variants.ts', ['-5'], 'bind-variants.ts takes no arguments, got "-5"'],
  ['dual-stack.ts', ['::1', '--v6only'], 'dual-stack.ts takes no arguments, got "::1"'],
  ['lifecycle.ts', ['8080'], 'lifecycle.ts takes no arguments, got "8080"'],
  ['netstat-scene.ts', ['--help'], 'netstat-scene.ts takes no arguments, got "--help"'],
  ['port-zero.ts', ['0', 'extra'], 'port-zero.ts takes no arguments, got "0"'],
];

testBadCommandLines(example, cases);
