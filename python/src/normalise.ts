// What must differ between a Python program's output and its TypeScript twin's, and nothing
// else: each language's spelling of the same thing (socket reprs, exception classes, None/null,
// seconds/milliseconds, snake_case/camelCase names) is rewritten to one common spelling, line by
// line, before the two outputs are compared. Volatile values (ports, times, fds, this machine's
// name) are masked by the testbed's normaliseVolatile first, as every recorded output is.
import { normaliseVolatile } from '@netprog/testbed';

/** One line rewrite, with the reason it is needed: dropped, or replaced. */
export type Rewrite =
  | { readonly drop: RegExp; readonly why: string }
  | {
      readonly replace: RegExp;
      readonly with: string | ((match: string, ...groups: string[]) => string);
      readonly why: string;
    };

/** Python's seconds as the milliseconds the TypeScript side prints: '0.25' -> '250'. */
export function secondsToMs(seconds: string): string {
  return String(Math.round(Number(seconds) * 1000));
}

const FAMILIES: Readonly<Record<string, string>> = {
  '2': 'AF_INET',
  '10': 'AF_INET6',
  'AddressFamily.AF_INET': 'AF_INET',
  'AddressFamily.AF_INET6': 'AF_INET6',
};
const TYPES: Readonly<Record<string, string>> = {
  '1': 'SOCK_STREAM',
  '2': 'SOCK_DGRAM',
  'SocketKind.SOCK_STREAM': 'SOCK_STREAM',
  'SocketKind.SOCK_DGRAM': 'SOCK_DGRAM',
};

/**
 * Python's socket repr in socket-core's spelling. Python 3.10 prints the enums by name
 * (family=AddressFamily.AF_INET), 3.11 and later by number (family=2); socket-core prints
 * `<socket fd=... family=AF_INET type=SOCK_STREAM laddr=...>`.
 *
 * @example
 * pythonSocketRepr("<socket.socket fd=3, family=2, type=1, proto=0, laddr=('0.0.0.0', 0)>")
 * // "<socket fd=3 family=AF_INET type=SOCK_STREAM laddr=('0.0.0.0', 0)>"
 */
export function pythonSocketRepr(line: string): string {
  return line.replace(
    /<socket\.socket (\[closed\] )?fd=(-?\d+|<fd>), family=([\w.]+), type=([\w.]+), proto=\d+((?:, [lr]addr=\([^)]*\))*)>/g,
    (_match, closed: string | undefined, fd: string, family: string, type: string, addrs: string) =>
      `<socket ${closed ?? ''}fd=${fd} family=${FAMILIES[family] ?? family} type=${TYPES[type] ?? type}${addrs.replace(/, ([lr]addr=)/g, ' $1')}>`,
  );
}

/** Python's socket reprs, which also differ between Python versions, in socket-core's spelling. */
export const PYTHON_SOCKET_REPR: Rewrite = {
  replace: /<socket\.socket (?:[^<>]|<\w+>)*>/g,
  with: (match) => pythonSocketRepr(match),
  why: 'socket reprs: Python prints <socket.socket fd=3, family=2, ...>, socket-core <socket fd=3 family=AF_INET ...>',
};

/** Rewrites every Python-side line goes through. */
export const PYTHON_COMMON: readonly Rewrite[] = [
  PYTHON_SOCKET_REPR,
  {
    replace: /\bb'((?:[^'\\]|\\.)*)'/g,
    with: '"$1"',
    why: 'bytes: Python prints b\'...\', the TypeScript examples JSON.stringify the text ("...")',
  },
  {
    replace: /\bTimeoutError None\b/g,
    with: 'SocketTimeoutError ETIMEDOUT',
    why: "the socket's own timeout: Python's TimeoutError has errno None; socket-core's SocketTimeoutError labels it with the code ETIMEDOUT (three_modes' form)",
  },
  {
    replace: /\bTimeoutError after\b/g,
    with: 'SocketTimeoutError after',
    why: "the same, where the line names the class only: a TimeoutError with no errno is socket-core's SocketTimeoutError",
  },
  {
    replace: /\b(?!Socket)[A-Z]\w*Error (code=)?(E[A-Z0-9]+)\b/g,
    with: 'SocketError $1$2',
    why: "OSError subclasses with an errno (ConnectionRefusedError, BlockingIOError, the kernel's TimeoutError ETIMEDOUT...) are one SocketError with a code",
  },
  { replace: /\braises\b/g, with: 'throws', why: 'Python raises, JavaScript throws' },
  { replace: /\bconnect_ex\(/g, with: 'connectEx(', why: 'snake_case names are camelCase in TS' },
  { replace: /\bsendall\(/g, with: 'sendAll(', why: 'snake_case names are camelCase in TS' },
  {
    replace: /\b(settimeout|setdefaulttimeout)\((\d+(?:\.\d+)?)\)/g,
    with: (_m, call: string, seconds: string) => `${call}(${secondsToMs(seconds)})`,
    why: 'Python counts timeouts in seconds, socket-core in milliseconds',
  },
  {
    replace: /\bgettimeout\(\) = (\d+(?:\.\d+)?)/g,
    with: (_m, seconds: string) => `gettimeout() = ${secondsToMs(seconds)}`,
    why: 'Python counts timeouts in seconds, socket-core in milliseconds',
  },
  { replace: /\bNone\b/g, with: 'null', why: "Python's None is null in TypeScript" },
  { replace: /\bFalse\b/g, with: 'false', why: "Python's False is false in TypeScript" },
  { replace: /\bTrue\b/g, with: 'true', why: "Python's True is true in TypeScript" },
];

/** Rewrites every TypeScript-side line goes through. */
export const TYPESCRIPT_COMMON: readonly Rewrite[] = [
  { replace: /\bawait /g, with: '', why: 'Python calls block; TypeScript awaits the same calls' },
  {
    replace: /\(\['([^']*)', ([^\]]+)\]\)/g,
    with: "(('$1', $2))",
    why: "addresses: Python's tuple ('127.0.0.1', 80) is an array ['127.0.0.1', 80] in TypeScript",
  },
];

/** Rewrites both sides go through, after their own. */
export const BOTH_COMMON: readonly Rewrite[] = [
  {
    replace: /\s{2,}# .*$/,
    with: '',
    why: "comments after a call explain each language's own behaviour",
  },
  {
    replace: /(\S) {2,}/g,
    with: '$1 ',
    why: 'alignment: columns are padded to each language’s longest name',
  },
];

/** Applies rewrites to one line; null when one of them drops it. */
export function rewriteLine(line: string, rewrites: readonly Rewrite[]): string | null {
  let out = line;
  for (const rewrite of rewrites) {
    if ('drop' in rewrite) {
      if (rewrite.drop.test(out)) return null;
      continue;
    }
    const { replace } = rewrite;
    out =
      typeof rewrite.with === 'string'
        ? out.replace(replace, rewrite.with)
        : out.replace(replace, rewrite.with);
  }
  return out;
}

/** A kept line: its number in the original output, the original text, and the normalised one. */
export interface NormalisedLine {
  readonly number: number;
  readonly original: string;
  readonly text: string;
}

/**
 * An output's lines after normaliseVolatile and the rewrites (dropped lines left out), each
 * remembering where it came from, so a disagreement can quote the real line.
 *
 * @example
 * normaliseLines('a  b\n', [])[0] // { number: 1, original: 'a  b', text: 'a  b' }
 */
export function normaliseLines(output: string, rewrites: readonly Rewrite[]): NormalisedLine[] {
  const lines = output.split('\n');
  if (lines.at(-1) === '') lines.pop(); // the final newline ends the last line; no line after it
  const kept: NormalisedLine[] = [];
  lines.forEach((original, index) => {
    const text = rewriteLine(normaliseVolatile(original), rewrites);
    if (text !== null) kept.push({ number: index + 1, original, text });
  });
  return kept;
}
