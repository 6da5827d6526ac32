import { SocketAddress } from 'node:net';
import { describe, expect, it } from 'vitest';
import {
  decodeProcNetAddress,
  decodeProcNetEndpoint,
  formatIpv6Bytes,
  ProcNetParseError,
  parseProcNetLine,
  parseProcNetTable,
  procNetStateName,
  stripIpv4Mapped,
} from '../src/parse-proc-net.ts';

// Real lines captured on Linux 6.18 (x86-64) while Node 20 held the sockets described beside them.
const TCP_LISTEN = // 127.0.0.1:36135 LISTEN, from net.createServer().listen(0, '127.0.0.1')
  '   1: 0100007F:8D27 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 13039 1 00000000cebb8739 100 0 0 10 0                     ';
const TCP_CLIENT = // the client of that server: 127.0.0.1:35214 -> 127.0.0.1:36135
  '   5: 0100007F:898E 0100007F:8D27 01 00000000:00000000 00:00000000 00000000     0        0 13040 2 00000000299dbc29 20 0 0 10 -1                     ';
const TCP_ACCEPTED = // the server's accepted socket: the mirror image of the client's
  '   6: 0100007F:8D27 0100007F:898E 01 00000000:00000000 00:00000000 00000000     0        0 13041 1 000000008d2ce66e 20 0 0 10 -1                     ';
const TCP_TIME_WAIT = // 192.0.2.2:37540 -> 203.0.113.80:80 closed first here; no process, inode 0
  '   1: 020200C0:92A4 507100CB:0050 06 00000000:00000000 03:00001652 00000000     0        0 0 3 000000007e1dacc3                                      ';
const TCP_SYN_SENT = // a connect() waiting on a listener whose accept queue is full
  '   7: 0100007F:C4C6 0100007F:D38F 02 00000001:00000000 01:0000003A 00000000     0        0 1000066 2 0000000010fb4f73 100 0 0 10 -1                  ';
const TCP_LISTEN_QUEUED = // that full listener: rx_queue of a LISTEN socket = connections waiting for accept()
  '   3: 0100007F:D38F 00000000:0000 0A 00000000:00000001 00:00000000 00000000     0        0 940774 2 00000000e054c3d8 100 0 0 10 0                    ';
const TCP6_DUAL_STACK_LISTEN = // net.createServer().listen(0) on '::'
  '   0: 00000000000000000000000000000000:88B5 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 13042 1 000000000164b2b6 100 0 0 10 0';
const TCP6_MAPPED = // an IPv4 client accepted by that dual-stack listener
  '   1: 0000000000000000FFFF00000100007F:88B5 0000000000000000FFFF00000100007F:9604 01 00000000:00000000 00:00000000 00000000     0        0 13044 1 0000000087e4abc9 20 0 0 10 -1';
const TCP6_LOOPBACK = // [::1]:40422 -> [::1]:40311
  '   2: 00000000000000000000000001000000:9DE6 00000000000000000000000001000000:9D77 01 00000000:00000000 00:00000000 00000000     0        0 1002231 2 00000000e96a1c8f 20 0 0 10 -1';
const UDP_UNCONNECTED = // dgram udp4 bound to 127.0.0.1:43605
  '13152: 0100007F:AA55 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 1002234 2 00000000521dde67 0       ';
const UDP_CONNECTED = // udp4 127.0.0.1:54501 after connect(43605)
  ' 7664: 0100007F:D4E5 0100007F:AA55 01 00000000:00000000 00:00000000 00000000     0        0 1002235 2 0000000045ed5550 0       ';
const UDP6_ANY = // udp6 bound to [::]:35927
  ' 5474: 00000000000000000000000000000000:8C57 00000000000000000000000000000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 1002239 2 00000000b476b477 0';

describe('decodeProcNetAddress', () => {
  it('reverses the bytes of a little-endian IPv4 word', () => {
    expect(decodeProcNetAddress('0100007F')).toBe('127.0.0.1');
    expect(decodeProcNetAddress('020200C0')).toBe('192.0.2.2');
    expect(decodeProcNetAddress('00000000')).toBe('0.0.0.0');
  });

  it('keeps the byte order when told the kernel was big-endian', () => {
    expect(decodeProcNetAddress('7F000001', false)).toBe('127.0.0.1');
  });

  it('reverses each of the four IPv6 words on its own', () => {
    expect(decodeProcNetAddress('00000000000000000000000001000000')).toBe('::1');
    expect(decodeProcNetAddress('00000000000000000000000000000000')).toBe('::');
    expect(decodeProcNetAddress('0000000000000000FFFF00000100007F')).toBe('::ffff:127.0.0.1');
    // fe80::fc:ff:fe00:1 as the kernel prints it
    expect(decodeProcNetAddress('000080FE00000000FF00FC00010000FE')).toBe('fe80::fc:ff:fe00:1');
  });

  it('rejects text that is not 8 or 32 hex digits, naming it', () => {
    expect(() => decodeProcNetAddress('0100007')).toThrow(/"0100007"/);
    expect(() => decodeProcNetAddress('0100007G')).toThrow(RangeError);
  });
});

describe('formatIpv6Bytes', () => {
  const bytes = (groups: number[]) => groups.flatMap((g) => [g >> 8, g & 0xff]);

  it('compresses the longest run of zero groups, the first one on a tie', () => {
    expect(formatIpv6Bytes(bytes([0x2001, 0xdb8, 0, 0, 1, 0, 0, 1]))).toBe('2001:db8::1:0:0:1');
    expect(formatIpv6Bytes(bytes([0x2001, 0xdb8, 0, 0, 0, 1, 0, 0]))).toBe('2001:db8::1:0:0');
  });

  it('never compresses a single zero group (RFC 5952 §4.2.2)', () => {
    expect(formatIpv6Bytes(bytes([0x2001, 0xdb8, 0, 1, 1, 1, 1, 1]))).toBe('2001:db8:0:1:1:1:1:1');
  });

  it('writes IPv4-mapped addresses with a dotted IPv4 tail, as Node reports them', () => {
    expect(formatIpv6Bytes([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 10, 0, 0, 7])).toBe(
      '::ffff:10.0.0.7',
    );
  });
});

describe('decodeProcNetEndpoint', () => {
  it('reads the port as a plain hex number', () => {
    expect(decodeProcNetEndpoint('0100007F:1F90')).toEqual(['127.0.0.1', 8080]);
    expect(decodeProcNetEndpoint('00000000:0000')).toEqual(['0.0.0.0', 0]);
  });

  it('rejects a missing port', () => {
    expect(() => decodeProcNetEndpoint('0100007F')).toThrow(/ADDRESS:PORT/);
  });
});

describe('procNetStateName', () => {
  it('uses the kernel names, with UNKNOWN for codes it does not know', () => {
    expect(procNetStateName(0x01)).toBe('ESTABLISHED');
    expect(procNetStateName(0x06)).toBe('TIME_WAIT');
    expect(procNetStateName(0x0a)).toBe('LISTEN');
    expect(procNetStateName(0x63)).toBe('UNKNOWN');
  });
});

describe('parseProcNetLine on real lines', () => {
  it('parses a LISTEN socket: no peer, remote 0.0.0.0:0', () => {
    expect(parseProcNetLine(TCP_LISTEN, 'tcp')).toEqual({
      proto: 'tcp',
      local: ['127.0.0.1', 36135],
      remote: ['0.0.0.0', 0],
      state: 'LISTEN',
      stateCode: 10,
      txQueue: 0,
      rxQueue: 0,
      uid: 0,
      inode: 13039,
    });
  });

  it('parses the client and the accepted socket as mirror images', () => {
    const client = parseProcNetLine(TCP_CLIENT, 'tcp');
    const accepted = parseProcNetLine(TCP_ACCEPTED, 'tcp');
    expect(client).toMatchObject({ state: 'ESTABLISHED', local: ['127.0.0.1', 35214] });
    expect(accepted.local).toEqual(client.remote);
    expect(accepted.remote).toEqual(client.local);
    expect(accepted.inode).not.toBe(client.inode);
  });

  it('parses TIME_WAIT with inode 0 (no process holds it any more)', () => {
    expect(parseProcNetLine(TCP_TIME_WAIT, 'tcp')).toMatchObject({
      local: ['192.0.2.2', 37540],
      remote: ['203.0.113.80', 80],
      state: 'TIME_WAIT',
      inode: 0,
    });
  });

  it('parses SYN_SENT with its unacknowledged SYN in tx_queue, and a LISTEN queue length', () => {
    expect(parseProcNetLine(TCP_SYN_SENT, 'tcp')).toMatchObject({ state: 'SYN_SENT', txQueue: 1 });
    expect(parseProcNetLine(TCP_LISTEN_QUEUED, 'tcp')).toMatchObject({
      state: 'LISTEN',
      rxQueue: 1,
    });
  });

  it('parses tcp6: the dual-stack listener, a mapped IPv4 peer and ::1', () => {
    expect(parseProcNetLine(TCP6_DUAL_STACK_LISTEN, 'tcp6')).toMatchObject({
      local: ['::', 34997],
      remote: ['::', 0],
      state: 'LISTEN',
    });
    expect(parseProcNetLine(TCP6_MAPPED, 'tcp6')).toMatchObject({
      local: ['::ffff:127.0.0.1', 34997],
      remote: ['::ffff:127.0.0.1', 38404],
    });
    expect(parseProcNetLine(TCP6_LOOPBACK, 'tcp6')).toMatchObject({
      local: ['::1', 40422],
      remote: ['::1', 40311],
      state: 'ESTABLISHED',
    });
  });

  it('parses UDP: CLOSE when unconnected, ESTABLISHED when connected', () => {
    expect(parseProcNetLine(UDP_UNCONNECTED, 'udp')).toMatchObject({
      local: ['127.0.0.1', 43605],
      state: 'CLOSE',
    });
    expect(parseProcNetLine(UDP_CONNECTED, 'udp')).toMatchObject({
      local: ['127.0.0.1', 54501],
      remote: ['127.0.0.1', 43605],
      state: 'ESTABLISHED',
    });
    expect(parseProcNetLine(UDP6_ANY, 'udp6')).toMatchObject({
      local: ['::', 35927],
      state: 'CLOSE',
    });
  });

  it('refuses a line from the wrong table, and a header, naming the line', () => {
    expect(() => parseProcNetLine(TCP6_LOOPBACK, 'tcp')).toThrow(ProcNetParseError);
    expect(() => parseProcNetLine(TCP_LISTEN, 'tcp6')).toThrow(/32-digit addresses for tcp6/);
    expect(() =>
      parseProcNetLine('  sl  local_address rem_address   st tx_queue rx_queue tr', 'tcp'),
    ).toThrow(/sl {2}local_address/);
  });
});

describe('parseProcNetTable', () => {
  it('skips the header and blank lines', () => {
    const text = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n${TCP_LISTEN}\n${TCP_CLIENT}\n\n`;
    expect(parseProcNetTable(text, 'tcp').map((e) => e.state)).toEqual(['LISTEN', 'ESTABLISHED']);
  });

  it('gives no entries for an empty table', () => {
    expect(parseProcNetTable('', 'tcp6')).toEqual([]);
  });
});

describe('stripIpv4Mapped', () => {
  it('strips ::ffff: only from IPv4-mapped addresses', () => {
    expect(stripIpv4Mapped('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(stripIpv4Mapped('::1')).toBe('::1');
    expect(stripIpv4Mapped('::ffff:7f00:1')).toBe('::ffff:7f00:1');
  });
});

describe('formatIpv6Bytes agrees with the C library', () => {
  it('on 2000 addresses rich in zero runs, compared with inet_ntop via net.SocketAddress', () => {
    // A small seeded generator keeps the run reproducible without a dependency.
    let seed = 0x2545f491;
    const next = () => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return seed >>> 0;
    };
    for (let i = 0; i < 2000; i++) {
      const groups = Array.from({ length: 8 }, () => (next() % 3 === 0 ? next() % 0x10000 : 0));
      if (i % 7 === 0) groups.splice(0, 6, 0, 0, 0, 0, 0, 0xffff); // IPv4-mapped
      const bytes = groups.flatMap((g) => [g >> 8, g & 0xff]);
      const full = groups.map((g) => g.toString(16)).join(':');
      expect(formatIpv6Bytes(bytes), full).toBe(
        new SocketAddress({ address: full, family: 'ipv6' }).address,
      );
    }
  });
});
