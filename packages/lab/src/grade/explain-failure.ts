// Turns vitest's errors into plain words for a student: what was checked, what was expected,
// what the code gave, and where. vitest's messages are written for test authors ("Test timed out
// in 2000ms. If this is a long-running test…"); a student needs to know what their code did.
import { isAbsolute, relative, sep } from 'node:path';
import type { Failure, RawError } from './types.ts';

const MAX_SIDE_LINES = 12;
const MAX_SIDE_CHARS = 600;
const MAX_SUMMARY_CHARS = 300;
const MAX_FRAME_LINES = 8;
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching ANSI colour codes is the point
const ANSI = /\u001b\[[0-9;]*m/g;
/** The name worker-setup.ts gives its "sockets left open" error: its message is already plain. */
export const CLEANUP_ERROR = 'LabCleanupError';
/** The name the reporter gives an error thrown outside any test (message: "<name> during …"). */
export const UNCAUGHT_ERROR = 'LabUncaughtError';
// How vitest prints values that are not strings (numbers, objects, functions, errors, …).
const PRINTED_VALUE =
  /^(-?\d[\d.e+-]*n?|NaN|-?Infinity|true|false|null|undefined)$|^(Symbol\(|\[Function|\[|\{|[A-Z][\w$]* [[{]|[A-Z][\w$]* \{\}$)/;

/**
 * Explains one error. `labDir` makes stack locations relative (`exercises/connect.ts:12:5`).
 * @example
 * explainError({ name: 'AssertionError', message: "expected 'a' to be 'b' // Object.is equality",
 *   expected: "'b'", actual: "'a'", frames: [] }, '/lab');
 * // { summary: "expected 'a' to be 'b'", expected: "'b'", actual: "'a'" }
 */
export function explainError(error: RawError, labDir: string): Failure {
  const location = locate(error, labDir);
  const message = error.message.replace(ANSI, '');
  const firstLine = (message.split('\n')[0] ?? '').trim();
  if (/^Transform failed with \d+ errors?:/.test(firstLine))
    return explainCompileError(message, labDir);
  const timedOut = /^(Test|Hook) timed out in (\d+)ms/.exec(firstLine);
  if (timedOut) {
    const what = timedOut[1] === 'Test' ? 'did not finish' : 'its setup or cleanup did not finish';
    return {
      summary: `${what} within ${timedOut[2]} ms: the code is too slow, or waits for something that never happens (data that never arrives, a promise that never settles, a socket never closed?)`,
      location,
    };
  }
  // Also inside an assertion: `expect(() => f()).toThrow(…)` catches vitest's process.exit error.
  const exited = /process\.exit unexpectedly called with \\?"(.*?)\\?"/.exec(
    `${firstLine}\n${error.actual ?? ''}`,
  );
  if (exited) {
    return {
      summary: `called process.exit(${exited[1]}): exercise code must return or throw, never end the whole process`,
      location,
    };
  }
  if (error.name === CLEANUP_ERROR)
    return { summary: clip(firstLine, MAX_SUMMARY_CHARS), location };
  if (error.name === UNCAUGHT_ERROR) {
    return { summary: clip(`uncaught ${firstLine}`, MAX_SUMMARY_CHARS), location };
  }
  if (error.expected !== undefined && error.actual !== undefined) {
    return {
      summary: clip(firstLine.replace(/\s*\/\/ Object\.is equality$/, ''), MAX_SUMMARY_CHARS),
      expected: clipSide(showValue(error.expected, firstLine)),
      actual: clipSide(showValue(error.actual, firstLine)),
      location,
    };
  }
  const name = error.name || 'Error';
  const summary =
    /^(AssertionError|Error)$/.test(name) && /^expected /.test(firstLine)
      ? firstLine
      : `threw ${name}: ${firstLine || '(no message)'}`;
  return { summary: clip(summary, MAX_SUMMARY_CHARS), location };
}

/**
 * A file vite could not compile (a syntax error, most often): the compiler's own words, the place,
 * and its code frame.
 * @example
 * explainCompileError('Transform failed with 1 error:\n[PARSE_ERROR] Expected `)`\n ╭─[ exercises/a.ts:2:9 ]', '/lab');
 * // { summary: 'syntax error: Expected `)`', location: 'exercises/a.ts:2:9', … }
 */
export function explainCompileError(message: string, labDir: string): Failure {
  const diagnostic = /\[([A-Z_]+)\]\s*(.+)/.exec(message);
  const at = /\[\s*([^\s\]]+:\d+:\d+)\s*\]/.exec(message);
  const kind =
    diagnostic?.[1] === 'PARSE_ERROR'
      ? 'syntax error'
      : (diagnostic?.[1]?.toLowerCase().replaceAll('_', ' ') ?? 'cannot compile');
  const said =
    diagnostic?.[2] ?? message.split('\n').find((l, i) => i > 0 && l.trim() !== '') ?? '';
  const lines = message.split('\n');
  const start = lines.findIndex((l) => l.includes('╭─['));
  const end = lines.findIndex((l, i) => i > start && l.includes('╯'));
  const frame =
    start >= 0
      ? lines
          .slice(start + 1, end > start ? end : undefined)
          .filter((l) => l.trim() !== '│')
          .slice(0, MAX_FRAME_LINES)
          .join('\n')
      : undefined;
  return {
    summary: clip(`${kind}: ${said.trim()}`, MAX_SUMMARY_CHARS),
    location: at?.[1] ? toLabLocation(at[1], labDir) : undefined,
    detail: frame || undefined,
  };
}

// vite names the file relative to the lab (its root) or absolutely; show it relative.
function toLabLocation(place: string, labDir: string): string {
  const parts = /^(.*):(\d+):(\d+)$/.exec(place);
  if (!parts?.[1]) return place;
  const file = isAbsolute(parts[1]) ? (toLabPath(parts[1], labDir) ?? parts[1]) : parts[1];
  return `${file}:${parts[2]}:${parts[3]}`;
}

/**
 * The most useful place to point at: the first stack frame in the student's exercise (or the
 * solution), else the first in the lab's tests, as a path relative to the lab.
 * @example
 * locate({ frames: [{ file: '/lab/exercises/a.ts', line: 3, column: 9 }] } as RawError, '/lab');
 * // 'exercises/a.ts:3:9'
 */
export function locate(error: Pick<RawError, 'frames'>, labDir: string): string | undefined {
  const inLab = error.frames
    .map((frame) => ({ ...frame, file: toLabPath(frame.file, labDir) }))
    .filter((frame): frame is typeof frame & { file: string } => frame.file !== undefined);
  const best =
    inLab.find((f) => /^(exercises|solutions)\//.test(f.file)) ??
    inLab.find((f) => f.file.startsWith('tests/'));
  return best ? `${best.file}:${best.line}:${best.column}` : undefined;
}

function toLabPath(file: string, labDir: string): string | undefined {
  const path = file.startsWith('file://') ? new URL(file).pathname : file;
  if (!isAbsolute(path)) return undefined;
  const rel = relative(labDir, path);
  if (rel.startsWith('..') || rel.includes('node_modules')) return undefined;
  return rel.split(sep).join('/');
}

/**
 * vitest hands over strings as they are and other values already printed; strings are shown
 * quoted with escapes, so that a missing "\r\n" or a trailing space is visible.
 * @example
 * showValue('GET / HTTP/1.1\r\n', "expected 'x' to be 'GET / HTTP/1.1\\r\\n'"); // '"GET / HTTP/1.1\\r\\n"'
 * showValue('Object {\n  "a": 1,\n}', 'expected { a: 1 } to deeply equal { a: 2 }'); // unchanged
 */
export function showValue(value: string, message: string): string {
  const escaped = JSON.stringify(value).slice(1, -1);
  const quotedInMessage = message.includes(`'${escaped}'`) || message.includes(`"${escaped}"`);
  if (quotedInMessage || !PRINTED_VALUE.test(value)) return JSON.stringify(value);
  return value;
}

function clipSide(text: string): string {
  const lines = text.split('\n');
  const kept = lines.slice(0, MAX_SIDE_LINES).join('\n');
  const more =
    lines.length > MAX_SIDE_LINES ? `\n… (${lines.length - MAX_SIDE_LINES} more lines)` : '';
  return clip(kept, MAX_SIDE_CHARS) + more;
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
