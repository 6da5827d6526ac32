// One error type for every failed resolution, carrying Node's code AND what Python would print.
import { SocketError } from '../errors.ts';
import { eaiCode } from './eai-codes.ts';

/**
 * A failed name or address lookup: socket-core's equivalent of Python's `socket.gaierror`, a
 * SocketError whose `errno` is the EAI_* number rather than an errno. The message ends with what
 * Python raises for the same failure: `socket.gaierror` for a name-to-address lookup, but
 * `socket.herror` for an address-to-name one (gethostbyaddr reports through C's h_errno).
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
    const { errno } = eaiCode(init.eai);
    super({
      code: init.code,
      syscall: init.syscall,
      errno,
      message:
        `${init.syscall} ${init.code} ${JSON.stringify(init.hostname)}: ${init.hint} ` +
        `(Python: ${pythonRaises(init.syscall, init.eai)})`,
      cause: init.cause,
    });
    this.name = 'GaiError';
    this.eai = init.eai;
    this.hostname = init.hostname;
  }
}

/** Node's syscall names for address-to-name lookups: getnameinfo (lookupService), c-ares' PTR query. */
const REVERSE_SYSCALLS: ReadonlySet<string> = new Set(['getnameinfo', 'getHostByAddr']);

/**
 * C's h_errno for a failed reverse lookup, by the EAI code we map it to, with glibc's hstrerror()
 * text: what Python's socket.herror carries. Checked with Python 3.11 on glibc 2.36 for
 * EAI_NONAME (a fake DNS server answering NXDOMAIN) and EAI_AGAIN (no DNS server reachable).
 */
const H_ERRNO: Readonly<Record<string, readonly [number, string]>> = {
  EAI_NONAME: [1, 'Unknown host'], // HOST_NOT_FOUND
  EAI_AGAIN: [2, 'Host name lookup failure'], // TRY_AGAIN
  EAI_FAIL: [3, 'Unknown server error'], // NO_RECOVERY
  EAI_NODATA: [4, 'No address associated with name'], // NO_DATA
};

/**
 * What Python raises for a failure of `syscall` with this EAI code, as Python prints it.
 *
 * @example
 * pythonRaises('getaddrinfo', 'EAI_NONAME')    // 'socket.gaierror [Errno -2] Name or service not known' (Linux)
 * pythonRaises('getHostByAddr', 'EAI_NONAME')  // 'socket.herror [Errno 1] Unknown host'
 */
export function pythonRaises(syscall: string, eai: string): string {
  const herror = REVERSE_SYSCALLS.has(syscall) ? H_ERRNO[eai] : undefined;
  if (herror !== undefined) return `socket.herror [Errno ${herror[0]}] ${herror[1]}`;
  const { errno, meaning } = eaiCode(eai);
  return `socket.gaierror [Errno ${errno}] ${meaning}`;
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
