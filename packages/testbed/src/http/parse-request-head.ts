// Reading an HTTP/1.1 request head: pure functions over bytes, so they can be tested alone.

const CRLFCRLF = Buffer.from('\r\n\r\n');

/**
 * Where the head ends: the index just past the first CRLFCRLF, or -1 if it has not arrived yet.
 *
 * @example
 * findHeadEnd(Buffer.from('GET / HTTP/1.1\r\n\r\nbody')) // 18
 */
export function findHeadEnd(bytes: Buffer): number {
  const at = bytes.indexOf(CRLFCRLF);
  return at === -1 ? -1 : at + CRLFCRLF.length;
}

/** A parsed head, or why it could not be parsed. */
export type ParsedHead =
  | { ok: true; method: string; target: string; version: string; headers: Record<string, string> }
  | { ok: false; reason: string };

/**
 * Parses a request head (the bytes up to and including CRLFCRLF). It is strict about the request
 * line and the `name: value` form, and lenient about everything else, because it is a test target
 * for clients, not a server to harden.
 *
 * @example
 * parseRequestHead(Buffer.from('GET / HTTP/1.1\r\nHost: a\r\n\r\n'))
 * // { ok: true, method: 'GET', target: '/', version: 'HTTP/1.1', headers: { host: 'a' } }
 */
export function parseRequestHead(head: Buffer): ParsedHead {
  // latin1 maps each byte to one character, so no byte is lost or merged.
  const lines = head.toString('latin1').split('\r\n');
  const requestLine = /^(\S+) (\S+) (HTTP\/\d\.\d)$/.exec(lines[0] ?? '');
  if (requestLine === null) {
    return { ok: false, reason: `bad request line ${JSON.stringify(lines[0] ?? '')}` };
  }
  const [, method = '', target = '', version = ''] = requestLine;
  const headers: Record<string, string> = {};
  for (const line of lines.slice(1)) {
    if (line === '') continue;
    const colon = line.indexOf(':');
    if (colon <= 0) return { ok: false, reason: `bad header line ${JSON.stringify(line)}` };
    const name = line.slice(0, colon).toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = name in headers ? `${headers[name]}, ${value}` : value;
  }
  return { ok: true, method, target, version, headers };
}
