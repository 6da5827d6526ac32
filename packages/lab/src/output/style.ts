// Colour, decided once per stream and passed to pure formatters as a flag, so the formatters can
// be tested without a terminal. Follows the usual conventions: NO_COLOR and TERM=dumb turn colour
// off, FORCE_COLOR turns it on, otherwise colour only when writing to a terminal.
import { isAbsolute, relative, sep } from 'node:path';
import { styleText } from 'node:util';

export type Format = Parameters<typeof styleText>[0];
/** Paints text when colour is on, returns it unchanged when off. */
export type Paint = (format: Format, text: string) => string;

/**
 * Whether to colour what goes to `stream`.
 * @example
 * useColor(process.stdout); // false when piped or NO_COLOR is set
 */
export function useColor(
  stream: { isTTY?: boolean },
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  if (env.NO_COLOR || env.NODE_DISABLE_COLORS || env.TERM === 'dumb') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true;
}

/**
 * A painter for the given decision.
 * @example
 * painter(true)('green', 'ok'); // '\u001b[32mok\u001b[39m'
 * painter(false)('green', 'ok'); // 'ok'
 */
export function painter(color: boolean): Paint {
  // validateStream: false because the decision is already made (and tests pass no stream).
  return color
    ? (format, text) => styleText(format, text, { validateStream: false })
    : (_f, t) => t;
}

/**
 * A path as a person would type it from `cwd`: relative when near (`../class`), absolute when
 * the relative path would climb more than one level (`/tmp/class`, not `../../../tmp/class`).
 * @example
 * displayPath('/home/ada/netprog', '/home/ada/class'); // '../class'
 */
export function displayPath(cwd: string, path: string): string {
  const near = relative(cwd, path) || '.';
  return near.startsWith(`..${sep}..`) || isAbsolute(near) ? path : near;
}

/**
 * Milliseconds for people: `412 ms`, `1.9 s`, `12 s`.
 * @example
 * formatDuration(1940); // '1.9 s'
 */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.round(ms / 1000)} s`;
}

/** Visible length of a string that may contain colour codes. */
export function visibleLength(text: string): number {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching ANSI escape codes is the point
  return text.replace(/\u001b\[[0-9;]*m/g, '').length;
}

/** Pads to a visible width (colour codes do not count). */
export function pad(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  const fill = ' '.repeat(Math.max(0, width - visibleLength(text)));
  return align === 'left' ? text + fill : fill + text;
}

/**
 * Wraps text at `width` columns; lines after the first start with `indent`.
 * @example
 * wrap('one two three', 8, '  '); // 'one two\n  three'
 */
export function wrap(text: string, width: number, indent: string): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    const limit = lines.length === 0 ? width : width - indent.length;
    if (line && line.length + 1 + word.length > limit) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  lines.push(line);
  return lines.join(`\n${indent}`);
}
