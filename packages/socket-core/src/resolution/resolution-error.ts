// One error type for every failed resolution, carrying Node's code AND what Python would print.
import { SocketError } from '../errors.ts';
import { eaiCode } from './eai-codes.ts';

/**
 * A failed name or address lookup: socket-core's equivalent of Python's `socket.gaierror`, a
 * SocketError whose `errno` is the EAI_* number rather than an errno.
 *
 * - `code` is Node's code, unchanged: 'ENOTFOUND' (no such name: NXDOMAIN or EAI_NONAME),
 *   'ENODATA' (the name exists but has no record of that type), 'EAI_AGAIN' (no resolver
 *   answered), 'ETIMEOUT' (a c-ares query timed out; note: not ETIMEDOUT), 'ECONNREFUSED'…
 * - `eai` and `errno` are what Python's gaierror would carry on this platform:
 *   ENOTFOUND → EAI_NONAME, -2 on Linux, 8 on macOS ("nodename nor servname provided").
 * - `hostname` is the name (or address) that was being resolved.
 *
 * @example
 * try { await gethostbyname('madeupnameblag.invalid'); }
 * catch (e) { if (e instanceof GaiError) console.log(e.code, e.eai, e.errno); } // ENOTFOUND EAI_NONAME -2
 */
export class GaiError extends SocketError {
  /** The getaddrinfo error name Python would report: 'EAI_NONAME', 'EAI_AGAIN'... */
  readonly eai: string;
  /** The name (or, for reverse lookups, the address) that was being resolved. */
  readonly hostname: string;

  constructor(init: {
    code: string;
    eai: string;
    syscall: string;
    hostname: string;
    hint: string;
    cause?: unknown;
  }) {
    const { errno, meaning } = eaiCode(init.eai);
    super({
      code: init.code,
      syscall: init.syscall,
      errno,
      message:
        `${init.syscall} ${init.code} ${JSON.stringify(init.hostname)}: ${init.hint} ` +
        `(Python: socket.gaierror [Errno ${errno}] ${meaning})`,
      cause: init.cause,
    });
    this.name = 'GaiError';
    this.eai = init.eai;
    this.hostname = init.hostname;
  }
}

/** Node / c-ares codes → the getaddrinfo error glibc would report for the same situation. */
const EAI_FOR_CODE: Readonly<Record<string, string>> = {
  ENOTFOUND: 'EAI_NONAME',
  ENODATA: 'EAI_NODATA',
  EAI_AGAIN: 'EAI_AGAIN',
  ETIMEOUT: 'EAI_AGAIN',
  ECONNREFUSED: 'EAI_AGAIN',
  ESERVFAIL: 'EAI_AGAIN',
  EREFUSED: 'EAI_AGAIN',
  EAI_FAIL: 'EAI_FAIL',
  EAI_FAMILY: 'EAI_FAMILY',
  EAI_SERVICE: 'EAI_SERVICE',
  EAI_BADFLAGS: 'EAI_BADFLAGS',
};

/** What to do about each kind of failure, for the message. */
function hintFor(code: string): string {
  switch (code) {
    case 'ENOTFOUND':
      return 'no such name; check its spelling, /etc/hosts, and which DNS server answered';
    case 'ENODATA':
      return 'the name exists but has no address of the family asked for; try the other family';
    case 'ETIMEOUT':
    case 'EAI_AGAIN':
      return 'no DNS server answered in time; check the network and /etc/resolv.conf (or setServers)';
    case 'ECONNREFUSED':
      return 'nothing is listening at the DNS server address; check setServers()';
    default:
      return 'the resolver gave up';
  }
}

/**
 * Turns an error from `dns.lookup`, `dns.lookupService` or a `Resolver` query into a GaiError;
 * anything that is not a resolution failure (a bug, a bad argument) is returned unchanged.
 *
 * @example
 * import dns from 'node:dns';
 * await dns.promises.lookup('nope.invalid').catch((e) => { throw toGaiError(e, 'nope.invalid'); });
 */
export function toGaiError(error: unknown, hostname: string): unknown {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (typeof code !== 'string') return error;
  const eai = EAI_FOR_CODE[code];
  if (eai === undefined) return error;
  const syscall = (error as NodeJS.ErrnoException).syscall ?? 'getaddrinfo';
  return new GaiError({ code, eai, syscall, hostname, hint: hintFor(code), cause: error });
}
