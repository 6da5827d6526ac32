// Bytes as a reader can see them: inside double quotes, printable ASCII as itself, the usual
// escapes for CR, LF, TAB, backslash and the quote, and \xNN for every other byte. One byte is one
// token, so a caret can be put under any byte however it was escaped.

const NAMED: Readonly<Record<number, string>> = {
  9: '\\t',
  10: '\\n',
  13: '\\r',
  34: '\\"',
  92: '\\\\',
};

/**
 * How one byte is written between double quotes.
 *
 * @example
 * escapeByte(0x41) // 'A'
 * escapeByte(0x0d) // '\\r' (two characters: a backslash and r)
 * escapeByte(0xff) // '\\xff'
 */
export function escapeByte(byte: number): string {
  const named = NAMED[byte];
  if (named !== undefined) return named;
  if (byte >= 0x20 && byte < 0x7f) return String.fromCharCode(byte);
  return `\\x${byte.toString(16).padStart(2, '0')}`;
}

/**
 * Every byte escaped, one token per byte.
 *
 * @example
 * escapeTokens(Buffer.from('a\r\n')) // ['a', '\\r', '\\n']
 */
export function escapeTokens(bytes: Uint8Array): string[] {
  return Array.from(bytes, escapeByte);
}

/** Bytes shown between quotes, cut to fit. */
export interface QuotedBytes {
  /** e.g. `"GET / HTTP/1.1\r\n"…` (the … says bytes were left out). */
  readonly text: string;
  /** How many bytes the text shows. */
  readonly shownBytes: number;
}

/**
 * Quotes `bytes` in at most `maxChars` characters (quotes and the … included, at least the two
 * quotes), never cutting an escape in half; a cut is marked with … after the closing quote.
 *
 * @example
 * quoteBytes(Buffer.from('GET / HTTP/1.1\r\n'), 12) // { text: '"GET / HT"…', shownBytes: 8 }
 */
export function quoteBytes(bytes: Uint8Array, maxChars: number): QuotedBytes {
  const room = Math.max(0, maxChars - 2);
  let text = '';
  let shown = 0;
  for (const byte of bytes) {
    const token = escapeByte(byte);
    // The last byte may use the room the … would have taken.
    const limit = shown === bytes.length - 1 ? room : room - 1;
    if (text.length + token.length > limit) break;
    text += token;
    shown++;
  }
  return { text: `"${text}"${shown < bytes.length ? '…' : ''}`, shownBytes: shown };
}
