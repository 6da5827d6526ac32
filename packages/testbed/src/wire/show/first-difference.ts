// Where the student's bytes part from the reference's, CodeCrafters-style: both escaped, one above
// the other, and a caret under the first byte that differs.
//
//   first difference at byte 14 (yours: 36 B, expected: 37 B):
//     yours:    "GET / HTTP/1.1\nHost: a\r\n\r\n"
//     expected: "GET / HTTP/1.1\r\nHost: a\r\n\r\n"
//                               ^ yours has \n (0x0a), expected \r (0x0d)
//
// Bytes are escaped one token per byte (escape-bytes.ts), so the caret sits under the whole
// escape of the byte (`\r` is two characters; the caret goes under its backslash).
import { escapeByte, escapeTokens } from './escape-bytes.ts';

export interface FirstDifferenceOptions {
  /** The longest line, in characters (default 100). Long lines are cut around the difference. */
  readonly width?: number;
  /** What to call the two sides (default 'yours' and 'expected'). */
  readonly labels?: readonly [actual: string, expected: string];
}

/** Characters of context kept before the difference when the start has to be cut. */
const CONTEXT_BEFORE = 30;

/**
 * The index of the first byte where `actual` and `expected` differ, or -1 when they are equal.
 * When one is a prefix of the other, that is the shorter one's length.
 *
 * @example
 * firstDifferenceAt(Buffer.from('ab\n'), Buffer.from('ab\r\n')) // 2
 */
export function firstDifferenceAt(actual: Uint8Array, expected: Uint8Array): number {
  const common = Math.min(actual.length, expected.length);
  for (let i = 0; i < common; i++) if (actual[i] !== expected[i]) return i;
  return actual.length === expected.length ? -1 : common;
}

/**
 * Shows where `actual` first differs from `expected`, or returns undefined when they are equal.
 * Strings are compared as their UTF-8 bytes.
 *
 * @example
 * firstDifference('GET / HTTP/1.1\nHost: a\r\n\r\n', 'GET / HTTP/1.1\r\nHost: a\r\n\r\n');
 * // 'first difference at byte 14 (yours: 26 B, expected: 27 B): ...' (see the top of this file)
 */
export function firstDifference(
  actual: Uint8Array | string,
  expected: Uint8Array | string,
  options: FirstDifferenceOptions = {},
): string | undefined {
  const { width = 100, labels = ['yours', 'expected'] } = options;
  const mine = toBytes(actual);
  const theirs = toBytes(expected);
  const at = firstDifferenceAt(mine, theirs);
  if (at === -1) return undefined;

  const labelWidth = Math.max(labels[0].length, labels[1].length) + 2; // "yours: " padded
  const indent = 2;
  // Room for the escaped bytes between the quotes, and the …s a cut adds on either side.
  const room = Math.max(16, width - indent - labelWidth - 4);
  const mineTokens = escapeTokens(mine);
  const theirTokens = escapeTokens(theirs);

  // The bytes before the difference are the same on both lines, so one cut serves both: keep the
  // start if the difference fits, else keep CONTEXT_BEFORE characters before it.
  const before = mineTokens.slice(0, at);
  let from = 0;
  let beforeWidth = before.join('').length;
  if (beforeWidth > room - CONTEXT_BEFORE) {
    while (from < at && beforeWidth > CONTEXT_BEFORE) {
      beforeWidth -= (before[from] ?? '').length;
      from++;
    }
  }
  const show = (tokens: string[]): string => {
    let text = '';
    let end = from;
    while (end < tokens.length && text.length + (tokens[end] ?? '').length <= room) {
      text += tokens[end];
      end++;
    }
    return `${from > 0 ? '…' : ''}"${text}"${end < tokens.length ? '…' : ''}`;
  };
  const caretColumn = indent + labelWidth + (from > 0 ? 1 : 0) + 1 + beforeWidth;

  const sizes = `${labels[0]}: ${mine.length} B, ${labels[1]}: ${theirs.length} B`;
  const why = explainByte(mine, theirs, at, labels);
  // The explanation follows the caret when it fits; otherwise it gets a line of its own.
  const caretLine = `${' '.repeat(caretColumn)}^`;
  const tail =
    caretColumn + 2 + why.length <= width
      ? [`${caretLine} ${why}`]
      : [caretLine, `${' '.repeat(indent)}${why}`];
  return [
    `first difference at byte ${at} (${sizes}):`,
    `${' '.repeat(indent)}${`${labels[0]}:`.padEnd(labelWidth)}${show(mineTokens)}`,
    `${' '.repeat(indent)}${`${labels[1]}:`.padEnd(labelWidth)}${show(theirTokens)}`,
    ...tail,
  ].join('\n');
}

/** What differs at byte `at`: two bytes, or one side ending early. */
function explainByte(
  mine: Uint8Array,
  theirs: Uint8Array,
  at: number,
  [yours, expected]: readonly [string, string],
): string {
  const byte = (value: number | undefined): string =>
    value === undefined ? '' : `${escapeByte(value)} (0x${value.toString(16).padStart(2, '0')})`;
  if (at >= mine.length) {
    const more = theirs.length - at;
    return `${yours} ends here; ${expected} goes on with ${byte(theirs[at])}${more > 1 ? ` and ${more - 1} more B` : ''}`;
  }
  if (at >= theirs.length) {
    return `${expected} ends here; ${yours} has ${mine.length - at} more B, starting with ${byte(mine[at])}`;
  }
  return `${yours} has ${byte(mine[at])}, ${expected} ${byte(theirs[at])}`;
}

function toBytes(value: Uint8Array | string): Uint8Array {
  return typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
}
