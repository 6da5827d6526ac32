// What one connect attempt says about a port. This is the table at the heart of every connect
// scanner (nmap -sT reads SO_ERROR and makes the same decision): a pure function of the errno
// that connect_ex returned.
import { constants } from 'node:os';

/** The three answers a connect scan can give about a port, in nmap's words. */
export type PortState = 'open' | 'closed' | 'filtered';

/**
 * What the scanner should do with one connect result:
 * - a PortState: record it;
 * - 'retry-later': this machine ran out of something (file descriptors, ephemeral ports, buffers);
 *   the port told us nothing, so back off and probe it again;
 * - 'error': an errno a connect scan does not expect; report it rather than guess.
 */
export type ProbeVerdict = PortState | 'retry-later' | 'error';

const E = constants.errno;

// #region classify
/**
 * Classifies a connect_ex result (0 or a positive errno, the platform's numbers) into a verdict.
 * - 0: the three-way handshake completed, so something listens: open.
 * - ECONNREFUSED: the host answered the SYN with RST: nobody listens: closed.
 * - ECONNRESET: also an RST, seen by some stacks at connect time: closed.
 * - ETIMEDOUT / EAGAIN (Python's connect_ex reports a settimeout expiry as EAGAIN) and the
 *   "unreachable" errors: no answer at all, or a router said no: filtered.
 * - EMFILE / ENFILE (no file descriptors), EADDRNOTAVAIL (no ephemeral port left), ENOBUFS:
 *   our side's shortage, never a property of the port: retry later.
 *
 * @example
 * classifyConnectResult(0)                          // 'open'
 * classifyConnectResult(os.constants.errno.ECONNREFUSED) // 'closed'
 * classifyConnectResult(os.constants.errno.EMFILE)  // 'retry-later'
 */
export function classifyConnectResult(errno: number): ProbeVerdict {
  switch (errno) {
    case 0:
      return 'open';
    case E.ECONNREFUSED:
    case E.ECONNRESET:
      return 'closed';
    case E.ETIMEDOUT:
    case E.EAGAIN:
    case E.EHOSTUNREACH:
    case E.ENETUNREACH:
    case E.EACCES: // a local firewall rule rejected the SYN
    case E.EPERM:
      return 'filtered';
    case E.EMFILE:
    case E.ENFILE:
    case E.EADDRNOTAVAIL:
    case E.ENOBUFS:
      return 'retry-later';
    default:
      return 'error';
  }
}
// #endregion classify
