// Every Python program in python/, the TypeScript example it is the twin of (if any), and the
// rewrites their outputs need before they can be compared: the one table the pair tests, the
// recordings and the README's map are checked against.
import type { PairRewrites } from './compare-outputs.ts';
import { PYTHON_SOCKET_REPR, type Rewrite, secondsToMs } from './normalise.ts';

/**
 * The TypeScript example a Python program mirrors. Its side of the comparison is its recorded
 * run, the chapter's outputs/<example>.txt (with the arguments the chapter's test records it with).
 */
export interface Twin {
  /** The chapter's workspace package, e.g. '@netprog/ch03-client'. */
  readonly package: string;
  /** A file in the chapter's examples/ folder. */
  readonly example: string;
}

export interface PythonProgram {
  /** A file in python/, e.g. 'socket_data.py'. */
  readonly file: string;
  readonly args: readonly string[];
  /** Which chapter it belongs to, for the README's map. */
  readonly chapter: number;
  readonly twin?: Twin;
  readonly rewrites?: PairRewrites;
  /** What changes from run to run besides normaliseVolatile's ports and times (for recordings). */
  readonly volatile?: readonly Rewrite[];
}

/** The CPython loop is slower, so the Python demos count fewer primes (netprog/model_demo.py). */
const PRIMES: readonly Rewrite[] = [
  { replace: /below=\d+/g, with: 'below=<n>', why: 'the Python demo counts primes below 100000' },
  {
    replace: /"\d+ primes below \d+"/,
    with: '"<count> primes below <n>"',
    why: 'the Python demo counts primes below 100000, the TypeScript one below 300000',
  },
];

/** Listeners of other programs on this machine come and go during a full scan. */
const SCAN: readonly Rewrite[] = [
  { drop: /^\S+ open$/, why: "other programs' listeners (and the twin's own, in a parallel run)" },
  { drop: /^filtered: /, why: "another program's full accept queue makes a port time out" },
  {
    drop: /^\S+ error ENETUNREACH_GUARD$/,
    why: 'the loopback guard keeps the TypeScript twin (a test) off port 53, where DNS lives; Python runs outside it',
  },
  {
    replace: /^scanning (\S+): \d+ ports \((1-65535)[^)]*\) with .*$/,
    with: 'scanning $1: <n> ports ($2)',
    why: 'ports excluded on this machine; the scanners differ (connect_ex, one port at a time, vs the fast scanner)',
  },
  {
    replace: /^\d+ open, \d+ closed, \d+ filtered in <time> \(.*\)$/,
    with: '<n> open, <n> closed, <n> filtered in <time>',
    why: 'the counts include other programs’ listeners; threads differ',
  },
];

/** What a timing run cannot repeat: which client's thread or task answers first, and the ratio. */
const TIMING: readonly Rewrite[] = [
  {
    replace: /\b(thread|task) client-\d+/g,
    with: '$1 client-<n>',
    why: 'which client is answered first (and the TypeScript warm-up counts as client 1)',
  },
  { replace: /\d+\.\d x as late/, with: '<ratio> x as late', why: 'measured' },
];

/** The models' first lines name their model: different by design, compared up to "listening". */
const banner = (pattern: RegExp, as: string): Rewrite => ({
  replace: pattern,
  with: `${as} listening at`,
  why: 'each server names its own concurrency model',
});

export const PROGRAMS: readonly PythonProgram[] = [
  {
    file: 'socket_methods.py',
    args: [],
    chapter: 1,
    twin: { package: '@netprog/ch01-resolution', example: 'socket-methods.ts' },
    rewrites: {
      python: [
        {
          drop: /<SocketKind\.SOCK_RAW: 3>/,
          why: "Python's getaddrinfo also lists SOCK_RAW; Node has no raw sockets",
        },
      ],
      typescript: [
        {
          drop: /^ {2}Node: /,
          why: 'the TypeScript example names the Node call behind each answer',
        },
        {
          replace: /fails: GaiError \w+; Python: /,
          with: 'fails: ',
          why: "the TypeScript example names socket-core's error, then Python's",
        },
      ],
      both: [
        {
          replace: /^( {2}-> \('[^']*', )\[[^\]]*\]/,
          with: '$1<aliases>',
          why: "Node's dns.lookup returns no aliases; C's gethostbyname does (chapter 1)",
        },
      ],
    },
  },
  {
    file: 'lifecycle.py',
    args: [],
    chapter: 2,
    twin: { package: '@netprog/ch02-socket-lifecycle', example: 'lifecycle.ts' },
    rewrites: {
      python: [
        {
          replace: /kernel: {2}socket:\[\d+\] exists, but .*$/,
          with: 'kernel:  <no entry>',
          why: 'Python has an OS socket from socket() on, but the kernel lists it only once it listens or connects',
        },
      ],
      typescript: [
        {
          replace: /kernel: {2}no OS socket yet$/,
          with: 'kernel:  <no entry>',
          why: 'Node makes the OS socket only in listen() or connect()',
        },
        {
          replace: /^\[conn, addr\] = /,
          with: 'conn, addr = ',
          why: 'destructuring: an array in TypeScript, a tuple in Python',
        },
      ],
      both: [
        {
          replace: /^--- the three sockets, as .* ---$/,
          with: '--- the three sockets ---',
          why: 'netstat() in socket-core, /proc/net/tcp in Python',
        },
      ],
    },
    volatile: [{ replace: /socket:\[\d+\]/g, with: 'socket:[<inode>]', why: 'inode numbers' }],
  },
  {
    file: 'socket_data.py',
    args: [],
    chapter: 3,
    twin: { package: '@netprog/ch03-client', example: 'client-lifecycle.ts' },
  },
  {
    file: 'connect_vs_connect_ex.py',
    args: [],
    chapter: 3,
    twin: { package: '@netprog/ch03-client', example: 'connect-vs-connect-ex.ts' },
    rewrites: {
      python: [
        {
          drop: /^\s+create_connection\(\)/,
          why: "Python's one-call client; the twin's third line is Node's net.connect()",
        },
      ],
      typescript: [
        { drop: /^\s+net\.connect\(\)/, why: "Node's event API has no Python counterpart" },
        {
          replace: /^(\s+\(Python: .*)\bNone\b/,
          with: '$1null',
          why: "both sides quote Python's exception here; the Python side's None went through None -> null",
        },
      ],
      both: [
        {
          replace: /^\s+\(Python: /,
          with: '  (Python: ',
          why: "the exception line is indented under each language's column of call names",
        },
        {
          replace: /^(every attempt has a \S+ timeout).*$/,
          with: '$1',
          why: 'each names the call in its own language',
        },
      ],
    },
  },
  {
    file: 'socket_ports_open.py',
    args: [],
    chapter: 3,
    twin: { package: '@netprog/ch03-client', example: 'port-scan.ts' },
    rewrites: { both: SCAN },
    volatile: SCAN,
  },
  {
    file: 'http_server.py',
    args: ['--demo'],
    chapter: 4,
    twin: { package: '@netprog/ch04-server', example: 'http-server.ts' },
  },
  {
    file: 'http_server_select.py',
    args: ['--demo'],
    chapter: 4,
    twin: { package: '@netprog/ch04-server', example: 'event-loop-server.ts' },
    rewrites: {
      python: [
        {
          replace: /^select server \(/,
          with: 'event-loop server (',
          why: "select() is the notes' name for the event loop",
        },
      ],
      both: PRIMES,
    },
  },
  {
    file: 'http_server_threaded.py',
    args: ['--demo'],
    chapter: 4,
    twin: { package: '@netprog/ch04-server', example: 'worker-pool-server.ts' },
    rewrites: {
      python: [banner(/^threaded server \(.*\) listening at/, '<threads>')],
      typescript: [
        banner(/^worker-pool server \(.*\) listening at/, '<threads>'),
        {
          drop: /^worker\.postMessage\(socket/,
          why: "Node-only: a socket cannot move to a worker; Python's threads share the process's sockets",
        },
      ],
      both: [
        ...PRIMES,
        {
          replace: /computed by \d+ threads/,
          with: 'computed by <n> threads',
          why: 'a thread per connection (4) vs a pool of 2',
        },
      ],
    },
  },
  {
    file: 'http_server_forking.py',
    args: ['--demo'],
    chapter: 4,
    twin: { package: '@netprog/ch04-server', example: 'prefork-server.ts' },
    rewrites: {
      python: [banner(/^forking server \(.*\) listening at/, '<processes>')],
      typescript: [banner(/^pre-fork server \(.*\) listening at/, '<processes>')],
      both: [
        ...PRIMES,
        {
          replace: /computed by \d+ processes/,
          with: 'computed by <n> processes',
          why: 'a process per connection (4) vs a pool of 2',
        },
      ],
    },
  },
  { file: 'http_server_threaded_notes.py', args: ['--demo'], chapter: 4 },
  {
    file: 'ct_run_timing.py',
    args: [],
    chapter: 4,
    twin: { package: '@netprog/ch04-server', example: 'accept-loop-timing.ts' },
    rewrites: {
      python: [
        {
          replace: /^ct\.run\(\) .*$/,
          with: '<the awaiting loop>',
          why: 'each names the mistake in its own language: ct.run() in Python, await serve() in TypeScript',
        },
        {
          replace: /^ct\.start\(\) .*$/,
          with: '<the fix>',
          why: 'each names the fix in its own language: ct.start(), or a serve() not awaited',
        },
        {
          replace: /^ct\.run\(\)'s (last answer came .* as late as) ct\.start\(\)'s$/,
          with: "<the awaiting loop>'s $1 <the fix>'s",
          why: 'the same names, in the closing line',
        },
        {
          replace: /\bthread(s?)\b/g,
          with: 'task$1',
          why: 'Python serves each client in a thread; Node has one thread, and serves each in an async task',
        },
      ],
      typescript: [
        {
          replace: /^serve\(connection\) +\(the loop waits.*$/, // common rewrites dropped "await "
          with: '<the awaiting loop>',
          why: 'each names the mistake in its own language: ct.run() in Python, await serve() in TypeScript',
        },
        {
          replace: /^void serve\(connection\) .*$/,
          with: '<the fix>',
          why: 'each names the fix in its own language: ct.start(), or a serve() not awaited',
        },
        {
          replace: /^the awaiting loop's (last answer came .* as late as) the fix's$/,
          with: "<the awaiting loop>'s $1 <the fix>'s",
          why: 'the same names, in the closing line',
        },
      ],
      both: TIMING,
    },
    volatile: TIMING,
  },
  {
    file: 'three_modes.py',
    args: [],
    chapter: 5,
    twin: { package: '@netprog/ch05-timeouts', example: 'three-modes.ts' },
    rewrites: {
      python: [
        {
          replace: /-> '(.*)' after/,
          with: '-> "$1" after',
          why: "a str's repr: 'x' in Python, JSON.stringify's \"x\" in TypeScript",
        },
        {
          replace: /listener timeout ([\d.]+), accepted socket timeout ([\d.]+)/,
          with: (_m, listener: string, accepted: string) =>
            `listener timeout ${secondsToMs(listener)}, accepted socket timeout ${secondsToMs(accepted)}`,
          why: 'seconds in Python, milliseconds in socket-core',
        },
      ],
      typescript: [
        {
          replace: /what Python's connect_ex/,
          with: 'what connect_ex',
          why: 'the TypeScript text says whose connect_ex',
        },
      ],
    },
  },
  {
    file: 'udp_echo.py',
    args: [],
    chapter: 6,
    twin: { package: '@netprog/ch06-udp', example: 'udp-echo.ts' },
  },
];

/** What a recording is compared through: Python's version-dependent reprs, then the program's own. */
export function recordingRewrites(program: PythonProgram): Rewrite[] {
  const padding: Rewrite = { replace: /(\S) {2,}/g, with: '$1 ', why: 'padding' };
  return [PYTHON_SOCKET_REPR, ...(program.volatile ?? []), padding];
}
