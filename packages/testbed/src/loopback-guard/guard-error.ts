// The error every guarded call fails with, so a test that strays off loopback says exactly where.

/** The `code` of a guard error; it is not an errno, so no real network failure can look like it. */
export const GUARD_CODE = 'ENETUNREACH_GUARD';

/** What a guarded call tried to do, for the error message. */
export type GuardedOperation =
  | 'TCP connect'
  | 'UDP send'
  | 'UDP connect'
  | 'DNS lookup'
  | 'DNS query';

/**
 * Thrown, passed to a callback, or emitted when a call would leave loopback.
 *
 * @example
 * net.connect(80, '192.0.2.1').on('error', (e) => {
 *   if (e instanceof LoopbackGuardError) console.log(e.operation, e.address); // 'TCP connect' '192.0.2.1:80'
 * });
 */
export class LoopbackGuardError extends Error {
  readonly code = GUARD_CODE;
  /** The address (or host name, or DNS server) that was refused. */
  readonly address: string;
  readonly operation: GuardedOperation;

  /**
   * @example
   * new LoopbackGuardError('TCP connect', '192.0.2.1:80').message
   * // 'loopback guard: refused TCP connect to 192.0.2.1:80: tests must stay on loopback ...'
   */
  constructor(operation: GuardedOperation, address: string, detail = '') {
    const lookup = operation === 'DNS lookup';
    super(
      `loopback guard: refused ${operation} ${lookup ? 'of' : 'to'} ${address}${detail}: ` +
        (lookup
          ? 'tests must not ask DNS; use an IP address, a name /etc/hosts lists for that ' +
            "family, or a Resolver pointed at testbed's fake DNS server (listenDns)"
          : 'tests must stay on loopback (127.0.0.0/8 or ::1); start a testbed fixture on ' +
            '127.0.0.1 instead, or point the resolver at a fake DNS server on 127.0.0.1'),
    );
    this.name = 'LoopbackGuardError';
    this.address = address;
    this.operation = operation;
  }
}
