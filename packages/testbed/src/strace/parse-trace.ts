// Reading what `strace -f -e trace=connect,sendto,sendmsg,sendmmsg` printed: every destination
// a process (and its children) tried to reach, as a pure function over strace's text.
import { isLoopback } from '../loopback-guard/is-loopback.ts';

/** One attempt to reach an IP address: which syscall, from which process, to where. */
export interface TracedDestination {
  pid: number | undefined;
  syscall: string;
  family: 'AF_INET' | 'AF_INET6';
  address: string;
  port: number;
  /** The whole line strace printed, for the report. */
  line: string;
}

/** The syscalls that name a destination, and how strace starts their lines (with or without a pid). */
const CALL = /^(?:\[pid\s+(\d+)\]\s+|(\d+)\s+)?(connect|sendto|sendmsg|sendmmsg)\(/;
const INET = /sa_family=AF_INET, sin_port=htons\((\d+)\), sin_addr=inet_addr\("([^"]+)"\)/g;
const INET6 = /sa_family=AF_INET6, sin6_port=htons\((\d+)\),[^}]*?inet_pton\(AF_INET6, "([^"]+)"/g;

/**
 * Every IPv4 and IPv6 destination in strace's output, in order. Unix sockets, AF_UNSPEC
 * (a UDP socket's disconnect) and lines of other syscalls are left out; an `<unfinished ...>`
 * line still names its destination, its `<... resumed>` twin does not and is skipped.
 *
 * @example
 * parseTrace('812 connect(3, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr("10.0.0.53")}, 16) = 0')
 * // [{ pid: 812, syscall: 'connect', family: 'AF_INET', address: '10.0.0.53', port: 53, line: ... }]
 */
export function parseTrace(text: string): TracedDestination[] {
  const found: TracedDestination[] = [];
  for (const line of text.split('\n')) {
    const call = CALL.exec(line);
    if (call === null) continue;
    const pidText = call[1] ?? call[2];
    const pid = pidText === undefined ? undefined : Number(pidText);
    const syscall = call[3] ?? '';
    for (const [, port, address] of line.matchAll(INET)) {
      found.push({
        pid,
        syscall,
        family: 'AF_INET',
        address: address ?? '',
        port: Number(port),
        line,
      });
    }
    for (const [, port, address] of line.matchAll(INET6)) {
      found.push({
        pid,
        syscall,
        family: 'AF_INET6',
        address: address ?? '',
        port: Number(port),
        line,
      });
    }
  }
  return found;
}

/**
 * True for the unspecified addresses 0.0.0.0 and ::. A connect to them never leaves the machine
 * (Linux routes it to loopback), and glibc's getaddrinfo makes exactly such connects itself: to
 * sort its answers (RFC 6724) it connects a UDP socket to each one, which sends nothing, and
 * `getaddrinfo(NULL, port, AI_PASSIVE)` answers 0.0.0.0 and ::.
 */
export function isUnspecified(address: string): boolean {
  return address === '0.0.0.0' || /^(0{0,4}:){2,7}0{0,4}$/.test(address);
}

/**
 * The destinations off this machine: outside 127.0.0.0/8 and ::1 (and ::ffff:127.x.y.z), and
 * not the unspecified address (see isUnspecified). What must never appear.
 *
 * @example
 * offLoopback(parseTrace(text)).length === 0 // nothing left the machine
 */
export function offLoopback(destinations: readonly TracedDestination[]): TracedDestination[] {
  return destinations.filter((one) => !isLoopback(one.address) && !isUnspecified(one.address));
}

/**
 * One line for a report: how many destinations were traced, and either how many went to each
 * address on this machine, or each one off it (address:port, syscall, count).
 *
 * @example
 * summariseTrace(parseTrace(text))
 * // '412 connects/sends to IP addresses, none off this machine (127.0.0.1: 409, ::1: 1, 0.0.0.0: 1, ::: 1)'
 */
export function summariseTrace(destinations: readonly TracedDestination[]): string {
  const count = (list: readonly TracedDestination[], key: (one: TracedDestination) => string) => {
    const counts = new Map<string, number>();
    for (const one of list) counts.set(key(one), (counts.get(key(one)) ?? 0) + 1);
    return [...counts].map(([name, n]) => `${name}: ${n}`).join(', ');
  };
  const outside = offLoopback(destinations);
  const inside = destinations.filter((one) => !outside.includes(one));
  const head = `${destinations.length} connects/sends to IP addresses`;
  if (outside.length === 0) {
    return inside.length === 0
      ? `${head}, none off loopback`
      : `${head}, none off this machine (${count(inside, (one) => one.address)})`;
  }
  const where = (one: TracedDestination) =>
    `${one.family === 'AF_INET6' ? `[${one.address}]` : one.address}:${one.port} (${one.syscall})`;
  return `${head}, ${outside.length} OFF LOOPBACK: ${count(outside, where)}`;
}
