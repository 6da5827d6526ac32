// How the examples print one call: what was called, what came back (or how it failed), and
// the plain Node call that did the work.
import { formatFailure } from './python-repr.ts';

/**
 * The lines for one call's result: `call`, then `-> result` (a list gets one line per item, an
 * empty list prints `[]`), then the note, indented, when there is one.
 *
 * @example
 * callLines("gethostbyname('localhost')", "'127.0.0.1'", "Node: dns.lookup('localhost', { family: 4 })")
 * // ["gethostbyname('localhost')", "  -> '127.0.0.1'", "  Node: dns.lookup('localhost', { family: 4 })"]
 */
export function callLines(
  call: string,
  result: string | readonly string[],
  note?: string,
): string[] {
  const items = typeof result === 'string' ? [result] : result.length === 0 ? ['[]'] : result;
  const lines = [call, ...items.map((item, i) => `${i === 0 ? '  -> ' : '     '}${item}`)];
  if (note !== undefined) lines.push(`  ${note}`);
  return lines;
}

/**
 * Runs one call and prints its result (formatted by `format`) or its failure, never throwing:
 * in these examples a failed lookup is a result worth seeing, not a crash.
 *
 * @example
 * await printCall("gethostbyname('localhost')", () => gethostbyname('localhost'), pyStr, 'Node: dns.lookup(…)');
 */
export async function printCall<T>(
  call: string,
  run: () => T | Promise<T>,
  format: (value: T) => string | readonly string[],
  note?: string,
): Promise<T | undefined> {
  try {
    const value = await run();
    for (const line of callLines(call, format(value), note)) console.log(line);
    return value;
  } catch (error) {
    for (const line of callLines(call, `fails: ${formatFailure(error)}`, note)) console.log(line);
    return undefined;
  }
}
