// Doctor's /etc/hosts check, pure. What /etc/hosts answers is the loopback guard's rule
// (@netprog/testbed/loopback-guard): the course never asks the operating system for a name the
// file cannot answer, since that question would go to a DNS server. So doctor reads the file
// and asks the guard's rule, for each family; it never looks localhost up itself.
import {
  filesFirstRefusal,
  forwardLookupRefusal,
  isLoopback,
  parseHostsFile,
  type ResolverFiles,
} from '@netprog/testbed/loopback-guard';
import type { DoctorCheck } from './doctor-check.ts';

/** The lines a machine needs for the course, as Debian writes them. */
const IPV4_LINE = '127.0.0.1 localhost';
const IPV6_LINE = '::1 localhost ip6-localhost';

/**
 * Judges the files the system resolver reads (undefined: there is no /etc/hosts).
 * @example
 * judgeHosts({ hosts: '127.0.0.1 localhost\n', nsswitch: 'hosts: files dns\n', platform: 'linux', configured: new Set([4]) }).status; // 'warn'
 */
export function judgeHosts(files: ResolverFiles | undefined): DoctorCheck {
  const name = '/etc/hosts';
  if (files === undefined) {
    return {
      name,
      status: 'warn',
      detail:
        'not found: the loopback guard refuses every system lookup of localhost, so the examples and tests that look it up are refused; the course itself uses 127.0.0.1',
    };
  }
  const notFirst = filesFirstRefusal(files.nsswitch, files.platform);
  if (notFirst !== undefined) {
    return {
      name,
      status: 'warn',
      detail: `${notFirst}: the loopback guard refuses system lookups of localhost here, so the examples and tests that look it up are refused`,
    };
  }
  const addresses = parseHostsFile(files.hosts)
    .filter((line) => line.names.some((one) => one.toLowerCase() === 'localhost'))
    .map((line) => line.address);
  const elsewhere = addresses.filter((address) => !isLoopback(address));
  if (elsewhere.length > 0) {
    return {
      name,
      status: 'warn',
      detail: `localhost → ${elsewhere.join(', ')}, which is not loopback: the guard refuses connections there; remove that line`,
    };
  }
  const ipv4 = forwardLookupRefusal({ name: 'localhost', family: 4 }, files) === undefined;
  const ipv6 = forwardLookupRefusal({ name: 'localhost', family: 6 }, files) === undefined;
  const shown = `localhost → ${[...new Set(addresses)].join(', ')}`;
  if (ipv4 && ipv6) return { name, status: 'ok', detail: shown };
  if (ipv4) {
    return {
      name,
      status: 'warn',
      detail: `${shown}, no IPv6 line: the loopback guard refuses system lookups of localhost over IPv6, and chapter 1's examples skip them; to add one: \`${IPV6_LINE}\``,
    };
  }
  if (ipv6) {
    return {
      name,
      status: 'warn',
      detail: `${shown}, no IPv4 line: the loopback guard refuses system lookups of localhost over IPv4; to add one: \`${IPV4_LINE}\``,
    };
  }
  return {
    name,
    status: 'fail',
    detail: `no line for localhost: the loopback guard refuses every system lookup of it, and chapter 1's lab looks it up; add \`${IPV4_LINE}\` and \`${IPV6_LINE}\``,
  };
}
