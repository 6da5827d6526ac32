// How the examples print one call: what was called, what came back (or how it failed), and
// the plain Node call that did the work.
import { formatFailure } from './python-repr.ts';

/**
 * The line an example prints instead of asking the operating system a question /etc/hosts
 * cannot answer here: the question would go on to a DNS server off this machine, and the
 * course's examples never leave it. `reason` comes from testbed's systemLookupRefusal.
 *
 * @example
 * notAsked('/etc/hosts has no line for example.com, so ...') // 'not asked: /etc/hosts has no line for example.com, so ...'
 */
export function notAsked(reason: string): string {
  return `not asked: ${reason}`;
}

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
  return printLocalCall(call, undefined, run, format, note);
}

/**
 * printCall for a call that asks the operating system's resolver: when `refusal` says the
 * question would leave the machine (see testbed's systemLookupRefusal), the call is not made
 * and one line says why instead.
 *
 * @example
 * await printLocalCall("gethostbyname('example.com')", systemLookupRefusal('example.com', 4), () => gethostbyname('example.com'), pyStr);
 * // gethostbyname('example.com')
 * //   -> not asked: /etc/hosts has no line for example.com, so an IPv4 lookup of it asks DNS
 */
export async function printLocalCall<T>(
  call: string,
  refusal: string | undefined,
  run: () => T | Promise<T>,
  format: (value: T) => string | readonly string[],
  note?: string,
): Promise<T | undefined> {
  if (refusal !== undefined) {
    for (const line of callLines(call, notAsked(refusal), note)) console.log(line);
    return undefined;
  }
  try {
    const value = await run();
    for (const line of callLines(call, format(value), note)) console.log(line);
    return value;
  } catch (error) {
    for (const line of callLines(call, `fails: ${formatFailure(error)}`, note)) console.log(line);
    return undefined;
  }
}
