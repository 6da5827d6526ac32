// Every program of the chapter, run once as a reader would with a bad command line: one line on
// stderr naming the argument (the usage line derived from the program's declaration where it
// helps) and exit code 2, before anything else is printed. The parser's every rule is tested in
// packages/cli; here each program shows it is wired to it. The runs go in parallel: each is a
// fresh Node process.
import { fileURLToPath } from 'node:url';
import { type BadCommandLine, testBadCommandLines } from '@netprog/testbed/bad-command-lines';

const example = (name: string): string =>
  fileURLToPath(new URL(`../examples/${name}`, import.meta.url));

const cases: BadCommandLine[] = [
  [
    'getaddrinfo.ts',
    ['localhost', '80', 'extra', '--bogus'],
    'unexpected argument "extra"; usage: getaddrinfo.ts [host] [port] [--family 4|6] [--type tcp|udp] [--passive]',
  ],
  ['getaddrinfo.ts', ['localhost', '-1'], 'port must be a whole number from 0 to 65535, got "-1"'],
  ['getaddrinfo.ts', ['localhost', '--family', '5'], '--family must be 4 or 6, got "5"'],
  ['hijack-demo.ts', ['--help', 'a', 'b'], 'unknown option --help; usage: hijack-demo.ts [name]'],
  [
    'reverse-lookup.ts',
    ['127.0.0.1', '127.0.0.2'],
    'unexpected argument "127.0.0.2"; usage: reverse-lookup.ts [address]',
  ],
  [
    'reverse-lookup.ts',
    ['not-an-address'],
    'give an IP address such as 127.0.0.1 (or none, for a tour on a local fake DNS server), got "not-an-address"',
  ],
  [
    'socket-methods.ts',
    ['localhost', 'extra', '--bogus'],
    'unexpected argument "extra"; usage: socket-methods.ts [name]',
  ],
  ['two-paths.ts', ['x', '--bogus'], 'two-paths.ts takes no arguments, got "x"'],
];

testBadCommandLines(example, cases);
