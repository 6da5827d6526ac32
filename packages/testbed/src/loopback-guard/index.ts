// @netprog/testbed/loopback-guard: keeps every test on this machine.

export { checkTarget, SYSTEM_DNS_PORT } from './check-target.ts';
export { serverHostPort } from './guard-dns.ts';
export type { GuardedOperation } from './guard-error.ts';
export { GUARD_CODE, LoopbackGuardError } from './guard-error.ts';
export { installLoopbackGuard, isLoopbackGuardInstalled } from './install.ts';
export { ipv6Groups, isLoopback } from './is-loopback.ts';
