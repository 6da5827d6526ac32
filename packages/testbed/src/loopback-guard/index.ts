// @netprog/testbed/loopback-guard: keeps every test on this machine.

export { checkTarget, SYSTEM_DNS_PORT } from './check-target.ts';
export { lookupFamily, lookupQuestion, serverHostPort } from './guard-dns.ts';
export type { GuardedOperation } from './guard-error.ts';
export { GUARD_CODE, LoopbackGuardError } from './guard-error.ts';
export type {
  ForwardQuestion,
  HostsLine,
  LookupFamily,
  ResolverFiles,
} from './hosts-answer.ts';
export {
  effectiveFamily,
  familyName,
  filesFirstRefusal,
  forwardLookupRefusal,
  parseHostsFile,
  reverseLookupRefusal,
} from './hosts-answer.ts';
export { installLoopbackGuard, isLoopbackGuardInstalled } from './install.ts';
export { ipv6Groups, isLoopback } from './is-loopback.ts';
export { readResolverFiles } from './read-resolver-files.ts';
export { systemLookupRefusal, systemReverseLookupRefusal } from './system-lookup.ts';
