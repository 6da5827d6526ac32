// Mutant: does not trim items, so '22, 80' is refused
// Why students write it: tested with lists without spaces
// Exercise 1 (reference solution): read a port list the way nmap's -p does.

/** A port list that cannot be read; `token` is the item at fault. */
export class PortSpecError extends Error {
  override readonly name = 'PortSpecError';
  readonly token: string;
  constructor(message: string, token: string) {
    super(message);
    this.token = token;
  }
}

const MIN_PORT = 1;
const MAX_PORT = 65_535;

/**
 * The ports named by `spec`, sorted, without duplicates.
 *
 * @example
 * parsePortSpec('22,80,8000-8002') // [22, 80, 8000, 8001, 8002]
 */
export function parsePortSpec(spec: string): number[] {
  const ports = new Set<number>();
  for (const raw of spec.split(',')) {
    const token = raw;
    const match = /^(\d+)(?:-(\d+))?$/.exec(token);
    if (match === null) {
      throw new PortSpecError(
        token === ''
          ? 'empty item in the port list: write ports like 80 or ranges like 1-1024, separated by commas'
          : `"${token}" is not a port or a range: use numbers like 80 or 1-1024`,
        token,
      );
    }
    const from = readPort(match[1]!, token);
    const to = match[2] === undefined ? from : readPort(match[2], token);
    if (from > to) {
      throw new PortSpecError(`range "${token}" runs backwards: write ${to}-${from}`, token);
    }
    for (let port = from; port <= to; port++) ports.add(port);
  }
  return [...ports].sort((a, b) => a - b);
}

function readPort(digits: string, token: string): number {
  const port = Number(digits);
  if (port < MIN_PORT || port > MAX_PORT) {
    throw new PortSpecError(
      `port ${digits} in "${token}" is out of range: ports go from ${MIN_PORT} to ${MAX_PORT}`,
      token,
    );
  }
  return port;
}
