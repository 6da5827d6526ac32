// @netprog/testbed/loopback-guard: keeps every test on this machine.

export { checkTarget, SYSTEM_DNS_PORT } from './check-target.ts';
export { lookupFamily, serverHostPort } from './guard-dns.ts';
export type { GuardedOperation } from './guard-error.ts';
export { GUARD_CODE, LoopbackGuardError } from './guard-error.ts';
export { installLoopbackGuard, isLoopbackGuardInstalled } from './install.ts';
export { ipv6Groups, isLoopback } from './is-loopback.ts';
export type { OwnNameAnswer } from './own-name.ts';
export { ownNameAnswer, readOwnNameAnswer } from './own-name.ts';
