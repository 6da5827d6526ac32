// Chapter 1, name resolution: Python's socket resolution calls on Node's two resolution paths.

export type { EaiCode } from './eai-codes.ts';
export { eaiCode, eaiReference } from './eai-codes.ts';
export {
  AI_ADDRCONFIG,
  AI_ALL,
  AI_CANONNAME,
  AI_NUMERICHOST,
  AI_NUMERICSERV,
  AI_PASSIVE,
  AI_V4MAPPED,
  flagNames,
} from './flags.ts';
export type { AddrInfo, GetaddrinfoOptions } from './getaddrinfo.ts';
export { getaddrinfo } from './getaddrinfo.ts';
export { getservbyname } from './getservbyname.ts';
export type { HostEntry } from './host-entry.ts';
export { gethostbyaddr, gethostbyname, gethostbyname_ex } from './host-entry.ts';
export { getfqdn, gethostname } from './host-name.ts';
export { GaiError, pythonRaises, toGaiError } from './resolution-error.ts';
export type { AddressAnswer, ResolutionPath } from './resolution-path.ts';
export { DEFAULT_RESOLUTION_TIMEOUT_MS, resolutionPath } from './resolution-path.ts';
export type { ResolutionOptions } from './types.ts';
