// Every program of the chapter, run once as a reader would with a bad command line: one line on
// stderr naming the argument (the usage line derived from the program's declaration where it
// helps) and exit code 2, before anything else is printed. The parser's every rule is tested in
// packages/cli; here each program shows it is wired to it. The bench command's are in
// bench.test.ts. The runs go in parallel: each is a fresh Node process.
import { fileURLToPath } from 'node:url';
import { type BadCommandLine, testBadCommandLines } from '@netprog/testbed/bad-command-lines';

const example = (name: string): string =>
  fileURLToPath(new URL(`../examples/${name}`, import.meta.url));

const cases: BadCommandLine[] = [
  [
    'client-lifecycle.ts',
    ['127.0.0.1', '80', 'extra', '--bogus'],
    'error: unexpected argument "extra"; usage: client-lifecycle.ts [host] [port]',
  ],
  [
    'client-lifecycle.ts',
    ['127.0.0.1', '-1'],
    'error: port must be a whole number from 1 to 65535, got "-1"',
  ],
  [
    'connect-vs-connect-ex.ts',
    ['127.0.0.1', '22', '99999', '--bogus'],
    'error: port must be a whole number from 1 to 65535, got "99999"',
  ],
  [
    'connect-vs-connect-ex.ts',
    ['127.0.0.1', '--timeout', '5'],
    'error: unknown option --timeout; usage: connect-vs-connect-ex.ts [host] [port ...]',
  ],
  [
    'connect-vs-connect-ex.ts',
    ['127.0.0.1'],
    'error: give at least one port after the host, e.g. 127.0.0.1 22 80',
  ],
  [
    'http-get.ts',
    ['http://127.0.0.1/', 'extra', '--bogus'],
    'error: unexpected argument "extra"; usage: http-get.ts [url]',
  ],
  [
    'port-scan.ts',
    ['127.0.0.1', '80', '--timeout', '-5', 'extra'],
    'error: --timeout must be a whole number from 1 to 60000, got "-5"',
  ],
  [
    'port-scan.ts',
    ['127.0.0.1', '80', 'extra', '--bogus'],
    'error: unexpected argument "extra"; usage: port-scan.ts [host] [ports] [--simple] [--engine net|handles] [--concurrency N] [--timeout MS] [--exclude-ports SPEC] [--i-own-this-host]',
  ],
  ['port-scan.ts', ['--engine', 'raw'], 'error: --engine must be net or handles, got "raw"'],
];

testBadCommandLines(example, cases);
