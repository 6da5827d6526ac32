// Port lists as people type them on a command line: "80", "1-1024", "22,80,8000-8100".
// Pure functions: the scanner CLI parses with them, and the report prints with them.

/** The lowest and highest TCP port a scanner can probe (port 0 means "any port" to bind, not a port). */
export const MIN_PORT = 1;
export const MAX_PORT = 65_535;

/** A port specification that cannot be read. `token` is the part of the input at fault. */
export class PortSpecError extends Error {
  override readonly name = 'PortSpecError';
  readonly token: string;
  constructor(message: string, token: string) {
    super(message);
    this.token = token;
  }
}

// #region parse
/**
 * Reads a port specification: comma-separated ports and inclusive ranges. The result is sorted
 * and has no duplicates, so "80,80,1-3" and "1-3,80" name the same ports.
 *
 * Throws a PortSpecError naming the first token it cannot read.
 *
 * @example
 * parsePortSpec('22,80,8000-8002') // [22, 80, 8000, 8001, 8002]
 * parsePortSpec('1-1024').length   // 1024
 */
export function parsePortSpec(spec: string): number[] {
  if (spec.trim() === '') {
    throw new PortSpecError(
      'empty port list: give ports like 80, ranges like 1-1024, or both: 22,80,8000-8100',
      spec,
    );
  }
  const ports = new Set<number>();
  for (const raw of spec.split(',')) {
    const token = raw.trim();
    const [from, to] = readToken(token);
    for (let port = from; port <= to; port++) ports.add(port);
  }
  return [...ports].sort((a, b) => a - b);
}

/** One token: "80" or "8000-8100". Returns the inclusive range it names. */
function readToken(token: string): [number, number] {
  if (token === '') {
    throw new PortSpecError(
      'empty item in the port list (two commas in a row?): write e.g. 22,80',
      token,
    );
  }
  const range = /^(\d+)\s*-\s*(\d+)$/.exec(token);
  if (range !== null) {
    const from = readPort(range[1]!, token);
    const to = readPort(range[2]!, token);
    if (from > to) {
      throw new PortSpecError(
        `port range "${token}" runs backwards: write the low port first (${to}-${from})`,
        token,
      );
    }
    return [from, to];
  }
  const port = readPort(token, token);
  return [port, port];
}

function readPort(text: string, token: string): number {
  // Digits only: Number() would also accept "0x50", "1e3" and " 80 ".
  if (!/^\d+$/.test(text)) {
    throw new PortSpecError(
      `"${token}" is not a port or a range: use numbers like 80 or 1-1024`,
      token,
    );
  }
  const port = Number(text);
  if (port < MIN_PORT || port > MAX_PORT) {
    throw new PortSpecError(
      `port ${text} in "${token}" is out of range: ports go from ${MIN_PORT} to ${MAX_PORT}`,
      token,
    );
  }
  return port;
}
// #endregion parse

/**
 * The inverse of parsePortSpec: a sorted port list written back as compact ranges.
 *
 * @example
 * formatPortSpec([22, 80, 81, 82, 443]) // '22,80-82,443'
 */
export function formatPortSpec(ports: readonly number[]): string {
  const sorted = [...new Set(ports)].sort((a, b) => a - b);
  const parts: string[] = [];
  let start = sorted[0];
  let prev = start;
  for (let i = 1; i <= sorted.length; i++) {
    const port = sorted[i];
    if (port !== undefined && prev !== undefined && port === prev + 1) {
      prev = port;
      continue;
    }
    if (start !== undefined && prev !== undefined) {
      parts.push(start === prev ? `${start}` : `${start}-${prev}`);
    }
    start = port;
    prev = port;
  }
  return parts.join(',');
}
