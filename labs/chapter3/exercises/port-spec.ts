// Exercise 1: read a port list the way nmap's -p does.
//
// A scanner's user types ports as a list of single ports and inclusive ranges:
//   "80"            -> [80]
//   "1-1024"        -> [1, 2, ..., 1024]
//   "22,80,8000-8002" -> [22, 80, 8000, 8001, 8002]
// Spaces around items are allowed ("22, 80"), not inside a range ("80 - 90" is a mistake). The result is sorted ascending with no
// duplicates ("80,80,1-2" -> [1, 2, 80]).
//
// Anything else is a mistake the user must hear about: throw a PortSpecError whose `token` is the
// offending item exactly as written (trimmed), and whose message says what is wrong and how to fix
// it, on one line: it names the item (or says it is empty), and for a port out of range it says
// that ports go from 1 to 65535. Mistakes: an empty list or an empty item ("80,,81" -> token ''), an item that is
// not digits or digits-digits ("http", "0x50", "-5", "8000-"), a port outside 1..65535 ("0",
// "65536", "1-70000"), a range whose start is above its end ("100-1").

/** A port list that cannot be read; `token` is the item at fault. */
export class PortSpecError extends Error {
  override readonly name = 'PortSpecError';
  readonly token: string;
  constructor(message: string, token: string) {
    super(message);
    this.token = token;
  }
}

/**
 * The ports named by `spec`, sorted, without duplicates.
 *
 * @example
 * parsePortSpec('22,80,8000-8002') // [22, 80, 8000, 8001, 8002]
 */
export function parsePortSpec(spec: string): number[] {
  // TODO: split on ',', trim each item, read it as "N" or "N-M", check the range, collect into a
  // Set, and return the sorted array. Throw PortSpecError(message, item) for a bad item.
  throw new Error(`TODO: parsePortSpec(${JSON.stringify(spec)})`);
}
