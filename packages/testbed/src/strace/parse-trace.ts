// Reading what `strace -f -e trace=socket,connect,sendto,sendmsg,sendmmsg` printed: every
// destination a process (and its children) tried to reach, as a pure function over strace's text.
import { isLoopback } from '../loopback-guard/is-loopback.ts';

/** One attempt to reach an IP address: which syscall, from which process, to where. */
export interface TracedDestination {
  pid: number | undefined;
  /** 'connect', 'sendto', 'sendmsg', 'sendmmsg'; a send on a connected UDP socket says 'send'. */
  syscall: string;
  family: 'AF_INET' | 'AF_INET6';
  address: string;
  port: number;
  /**
   * True for the connect of a UDP socket that then sent nothing: it only asks the kernel for a
   * route, and no packet leaves. glibc's getaddrinfo does this to sort its answers (RFC 6724),
   * Chromium to learn whether IPv6 is reachable.
   */
  sentNothing: boolean;
  /** The line strace printed, for the report. */
  line: string;
}

/** How strace starts a line: `1234  call(`, `[pid  1234] call(`, or just `call(`. */
const LINE = /^(?:\[pid\s+(\d+)\]\s+|(\d+)\s+)?(?:<\.\.\. (\w+) resumed>|(\w+)\((\d+)?)/;
const INET = /sa_family=AF_INET, sin_port=htons\((\d+)\), sin_addr=inet_addr\("([^"]+)"\)/g;
const INET6 = /sa_family=AF_INET6, sin6_port=htons\((\d+)\),[^}]*?inet_pton\(AF_INET6, "([^"]+)"/g;
const SENDS = new Set(['sendto', 'sendmsg', 'sendmmsg']);

/**
 * Every IPv4 and IPv6 destination in strace's output, in order. Unix sockets, AF_UNSPEC (a UDP
 * socket's disconnect) and other syscalls are left out. A connect names its destination in its
 * first (`<unfinished ...>`) line. A UDP socket's connect sends nothing, so it is marked
 * `sentNothing` unless the same process later sends on that descriptor without naming an
 * address, which sends to the connected one (listed as syscall 'send'). The socket's type comes
 * from the `socket()` call that returned the descriptor in the same thread; when that was not
 * seen, the connect counts as sending.
 *
 * @example
 * parseTrace('812 connect(3, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr("10.0.0.53")}, 16) = 0')
 * // [{ pid: 812, syscall: 'connect', address: '10.0.0.53', port: 53, sentNothing: false, ... }]
 */
export function parseTrace(text: string): TracedDestination[] {
  const found: TracedDestination[] = [];
  /** Per thread: descriptors of UDP sockets, and the connect each one made, if any. */
  const udp = new Map<string, Map<number, TracedDestination | null>>();
  /** Per thread: the type of a socket() call whose result comes on a later "resumed" line. */
  const pendingSocket = new Map<string, boolean>();
  for (const line of text.split('\n')) {
    const match = LINE.exec(line);
    if (match === null) continue;
    const thread = match[1] ?? match[2] ?? '';
    const pid = thread === '' ? undefined : Number(thread);
    const resumed = match[3];
    const syscall = resumed ?? match[4] ?? '';
    const fd = match[5] === undefined ? undefined : Number(match[5]);
    const sockets = udp.get(thread) ?? new Map<number, TracedDestination | null>();
    udp.set(thread, sockets);

    if (syscall === 'socket') {
      const isUdp = /SOCK_DGRAM/.test(line);
      const result = /\)\s*=\s*(\d+)\s*$/.exec(line)?.[1];
      if (result === undefined) {
        if (resumed === undefined) pendingSocket.set(thread, isUdp); // unfinished: result later
        continue;
      }
      const wasUdp = resumed === undefined ? isUdp : (pendingSocket.get(thread) ?? false);
      pendingSocket.delete(thread);
      if (wasUdp) sockets.set(Number(result), null);
      else sockets.delete(Number(result));
      continue;
    }
    if (resumed !== undefined || (syscall !== 'connect' && !SENDS.has(syscall))) continue;

    const named = destinationsIn(line, pid, syscall);
    if (syscall === 'connect' && fd !== undefined && sockets.has(fd) && named.length > 0) {
      const connect = { ...(named[0] as TracedDestination), sentNothing: true };
      sockets.set(fd, connect);
      found.push(connect);
      continue;
    }
    if (SENDS.has(syscall) && named.length === 0 && fd !== undefined) {
      // A send without an address goes to the connected peer: the connect did send after all.
      const connect = sockets.get(fd);
      if (connect) {
        connect.sentNothing = false;
        found.push({ ...connect, syscall: 'send', line });
      }
      continue;
    }
    found.push(...named);
  }
  return found;
}

/** The destinations one line names, in order. */
function destinationsIn(
  line: string,
  pid: number | undefined,
  syscall: string,
): TracedDestination[] {
  const named: TracedDestination[] = [];
  for (const [family, pattern] of [
    ['AF_INET', INET],
    ['AF_INET6', INET6],
  ] as const) {
    for (const [, port, address] of line.matchAll(pattern)) {
      named.push({
        pid,
        syscall,
        family,
        address: address ?? '',
        port: Number(port),
        sentNothing: false,
        line,
      });
    }
  }
  return named;
}

/**
 * True for the unspecified addresses 0.0.0.0 and ::. A connect to them never leaves the machine:
 * Linux routes it to loopback.
 */
export function isUnspecified(address: string): boolean {
  return address === '0.0.0.0' || /^(0{0,4}:){2,7}0{0,4}$/.test(address);
}

/**
 * The destinations off this machine that something was sent to: outside 127.0.0.0/8 and ::1 (and
 * ::ffff:127.x.y.z), not the unspecified address, and not a UDP connect that sent nothing. What
 * must never appear.
 *
 * @example
 * offLoopback(parseTrace(text)).length === 0 // nothing left the machine
 */
export function offLoopback(destinations: readonly TracedDestination[]): TracedDestination[] {
  return destinations.filter(
    (one) => !one.sentNothing && !isLoopback(one.address) && !isUnspecified(one.address),
  );
}

/**
 * One line for a report: how many destinations were traced, how many went to each address on
 * this machine (or each one off it), and the UDP connects that only asked for a route.
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
  const where = (one: TracedDestination) =>
    `${one.family === 'AF_INET6' ? `[${one.address}]` : one.address}:${one.port} (${one.syscall})`;
  const outside = offLoopback(destinations);
  const probes = destinations.filter(
    (one) => one.sentNothing && !isLoopback(one.address) && !isUnspecified(one.address),
  );
  const inside = destinations.filter((one) => !outside.includes(one) && !probes.includes(one));
  const head = `${destinations.length} connects/sends to IP addresses`;
  const probed =
    probes.length === 0 ? '' : `; UDP connects that sent nothing: ${count(probes, where)}`;
  if (outside.length > 0) {
    return `${head}, ${outside.length} OFF LOOPBACK: ${count(outside, where)}${probed}`;
  }
  if (inside.length === 0) return `${head}, none off loopback${probed}`;
  return `${head}, none off this machine (${count(inside, (one) => one.address)})${probed}`;
}
