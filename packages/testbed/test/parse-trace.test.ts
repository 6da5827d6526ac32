// Reading strace's output: every IPv4/IPv6 destination, whichever syscall and line form.
import { describe, expect, it } from 'vitest';
import { offLoopback, parseTrace, summariseTrace } from '../src/strace/index.ts';

const TRACE = [
  '2600  connect(3, {sa_family=AF_UNIX, sun_path="/var/run/nscd/socket"}, 110) = -1 ENOENT (No such file or directory)',
  '2600  connect(3, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr("10.255.255.53")}, 16) = 0',
  '2601  connect(21, {sa_family=AF_INET6, sin6_port=htons(40123), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "::1", &sin6_addr), sin6_scope_id=0}, 28) = -1 EINPROGRESS (Operation now in progress)',
  '[pid  2602] connect(22, {sa_family=AF_INET, sin_port=htons(8080), sin_addr=inet_addr("127.0.0.1")}, 16 <unfinished ...>',
  '[pid  2602] <... connect resumed>) = 0',
  '2603  sendto(5, "\\x12\\x34"..., 33, MSG_NOSIGNAL, {sa_family=AF_INET6, sin6_port=htons(53), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "2001:db8::53", &sin6_addr), sin6_scope_id=0}, 28) = 33',
  '2604  sendmsg(7, {msg_name={sa_family=AF_INET, sin_port=htons(9), sin_addr=inet_addr("127.0.0.1")}, msg_namelen=16, msg_iov=[{iov_base="x", iov_len=1}], msg_iovlen=1, msg_controllen=0, msg_flags=0}, 0) = 1',
  '2605  connect(9, {sa_family=AF_UNSPEC, sa_data="\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0"}, 16) = 0',
  '2606  connect(4, {sa_family=AF_INET, sin_port=htons(8080), sin_addr=inet_addr("0.0.0.0")}, 16) = 0',
  '2606  connect(4, {sa_family=AF_INET6, sin6_port=htons(8080), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "::", &sin6_addr), sin6_scope_id=0}, 28) = 0',
  '2605  +++ exited with 0 +++',
].join('\n');

describe('parseTrace: UDP connects that send nothing', () => {
  const probe = [
    // Chromium's IPv6 reachability probe: a UDP socket connected, then closed, nothing sent.
    '13064 socket(AF_INET6, SOCK_DGRAM, IPPROTO_IP) = 25',
    '13064 connect(25, {sa_family=AF_INET6, sin6_port=htons(443), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "2001:4860:4860::8888", &sin6_addr), sin6_scope_id=0}, 28 <unfinished ...>',
    '13064 <... connect resumed>) = 0',
    // The same descriptor number, later a TCP socket to loopback: its sends are not the probe's.
    '13064 socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 25',
    '13064 connect(25, {sa_family=AF_INET, sin_port=htons(8080), sin_addr=inet_addr("127.0.0.1")}, 16) = 0',
    '13064 sendto(25, "GET / HTTP/1.1\\r\\n"..., 645, MSG_NOSIGNAL, NULL, 0) = 645',
  ].join('\n');

  it('marks them, and does not count them as leaving the machine', () => {
    const found = parseTrace(probe);
    expect(found.map(({ address, sentNothing }) => [address, sentNothing])).toEqual([
      ['2001:4860:4860::8888', true],
      ['127.0.0.1', false],
    ]);
    expect(offLoopback(found)).toEqual([]);
    expect(summariseTrace(found)).toBe(
      '2 connects/sends to IP addresses, none off this machine (127.0.0.1: 1); UDP connects that sent nothing: [2001:4860:4860::8888]:443 (connect): 1',
    );
  });

  it('counts a send on the connected UDP socket (no address) as traffic to its peer', () => {
    const text = [
      '900 socket(AF_INET, SOCK_DGRAM|SOCK_CLOEXEC|SOCK_NONBLOCK, IPPROTO_IP <unfinished ...>',
      '900 <... socket resumed>) = 3',
      '900 connect(3, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr("10.255.255.53")}, 16) = 0',
      '900 sendmmsg(3, [{msg_hdr={msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base="..."}]}}], 2, MSG_NOSIGNAL) = 2',
    ].join('\n');
    const found = parseTrace(text);
    expect(
      found.map(({ syscall, address, sentNothing }) => [syscall, address, sentNothing]),
    ).toEqual([
      ['connect', '10.255.255.53', false],
      ['send', '10.255.255.53', false],
    ]);
    expect(offLoopback(found)).toHaveLength(2);
  });
});

describe('parseTrace', () => {
  it('finds IPv4 and IPv6 destinations of connect, sendto and sendmsg, with their process', () => {
    expect(
      parseTrace(TRACE).map(({ pid, syscall, address, port }) => [pid, syscall, address, port]),
    ).toEqual([
      [2600, 'connect', '10.255.255.53', 53],
      [2601, 'connect', '::1', 40123],
      [2602, 'connect', '127.0.0.1', 8080],
      [2603, 'sendto', '2001:db8::53', 53],
      [2604, 'sendmsg', '127.0.0.1', 9],
      [2606, 'connect', '0.0.0.0', 8080],
      [2606, 'connect', '::', 8080],
    ]);
  });

  it('keeps the ones off this machine (not loopback, not 0.0.0.0 or ::), and says so', () => {
    expect(offLoopback(parseTrace(TRACE)).map((one) => one.address)).toEqual([
      '10.255.255.53',
      '2001:db8::53',
    ]);
    expect(summariseTrace(parseTrace(TRACE))).toBe(
      '7 connects/sends to IP addresses, 2 OFF LOOPBACK: 10.255.255.53:53 (connect): 1, [2001:db8::53]:53 (sendto): 1',
    );
    const onlyLoopback = parseTrace(TRACE).filter((one) => one.port !== 53);
    expect(summariseTrace(onlyLoopback)).toBe(
      '5 connects/sends to IP addresses, none off this machine (::1: 1, 127.0.0.1: 2, 0.0.0.0: 1, ::: 1)',
    );
    expect(summariseTrace([])).toBe('0 connects/sends to IP addresses, none off loopback');
  });
});
