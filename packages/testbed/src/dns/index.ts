export type { DnsQuery, DnsServer, DnsServerOptions, ResolverOptions } from './listen-dns.ts';
export { listenDns } from './listen-dns.ts';
export { reverseName } from './reverse-name.ts';
export type { DnsRecordSet, DnsZone, ZoneAnswer } from './zone.ts';
export { answerQuestion, normaliseZone } from './zone.ts';
