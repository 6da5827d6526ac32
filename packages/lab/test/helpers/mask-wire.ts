// A wire report with what changes from run to run masked: every run of white space made one
// space, loopback ports and the times before each event. Two gradings of the same code then give
// the same text, so tests can compare reports word for word.

/**
 * @example
 * maskWire('+0.4 ms  → 127.0.0.1:50122') // '+T ms → 127.0.0.1:PORT'
 */
export function maskWire(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT')
    .replace(/\+\d+\.\d ms/g, '+T ms')
    .trim();
}
