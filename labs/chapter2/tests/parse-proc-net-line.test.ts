import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { linuxOnly } from '@netprog/testbed/linux-only/tests';
import { describe, expect, it } from 'vitest';
import { parseProcNetLine } from '../exercises/parse-proc-net-line.ts';
import { closeServer, track, within } from './support.ts';

// Real lines, captured on Linux 6.18 (x86-64) while Node held the sockets described beside them.
const LISTEN_V4 = // net.createServer().listen(0, '127.0.0.1') got port 36135
  '   1: 0100007F:8D27 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 13039 1 00000000cebb8739 100 0 0 10 0';
const CLIENT_V4 = // a client of it, from port 35214
  '   5: 0100007F:898E 0100007F:8D27 01 00000000:00000000 00:00000000 00000000     0        0 13040 2 00000000299dbc29 20 0 0 10 -1';
const TIME_WAIT_V4 = // a connection that closed first on this side; no process holds it: inode 0
  '   1: 020200C0:92A4 507100CB:0050 06 00000000:00000000 03:00001652 00000000     0        0 0 3 000000007e1dacc3';
const SYN_SENT_V4 = // a connect() still waiting for the SYN-ACK
  '   7: 0100007F:C4C6 0100007F:D38F 02 00000001:00000000 01:0000003A 00000000     0        0 1000066 2 0000000010fb4f73 100 0 0 10 -1';
const LISTEN_DUAL_STACK = // net.createServer().listen(0) on '::'
  '   0: 00000000000000000000000000000000:88B5 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 13042 1 000000000164b2b6 100 0 0 10 0';
const MAPPED_V4_PEER = // an IPv4 client accepted by that dual-stack listener
  '   1: 0000000000000000FFFF00000100007F:88B5 0000000000000000FFFF00000100007F:9604 01 00000000:00000000 00:00000000 00000000     0        0 13044 1 0000000087e4abc9 20 0 0 10 -1';
const LOOPBACK_V6 = // [::1]:40422 -> [::1]:40311
  '   2: 00000000000000000000000001000000:9DE6 00000000000000000000000001000000:9D77 01 00000000:00000000 00:00000000 00000000     0        0 1002231 2 00000000e96a1c8f 20 0 0 10 -1';
const LINK_LOCAL_V6 = // fe80::fc:ff:fe00:1 port 22, listening
  '   3: 000080FE00000000FF00FC00010000FE:0016 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4242 1 0000000000000000 100 0 0 10 0';

describe('parseProcNetLine: IPv4 (/proc/net/tcp)', () => {
  it('parses a LISTEN socket: little-endian address, plain hex port, no peer', () => {
    expect(parseProcNetLine(LISTEN_V4)).toEqual({
      proto: 'tcp',
      local: ['127.0.0.1', 36135],
      remote: ['0.0.0.0', 0],
      state: 'LISTEN',
      inode: 13039,
    });
  });

  it('parses an ESTABLISHED client socket', () => {
    expect(parseProcNetLine(CLIENT_V4)).toEqual({
      proto: 'tcp',
      local: ['127.0.0.1', 35214],
      remote: ['127.0.0.1', 36135],
      state: 'ESTABLISHED',
      inode: 13040,
    });
  });

  it('parses TIME_WAIT and SYN_SENT, and an address that is not loopback', () => {
    expect(parseProcNetLine(TIME_WAIT_V4)).toEqual({
      proto: 'tcp',
      local: ['192.0.2.2', 37540],
      remote: ['203.0.113.80', 80],
      state: 'TIME_WAIT',
      inode: 0,
    });
    expect(parseProcNetLine(SYN_SENT_V4).state).toBe('SYN_SENT');
  });
});

describe('parseProcNetLine: IPv6 (/proc/net/tcp6)', () => {
  it('parses the dual-stack wildcard :: and its IPv4-mapped peers', () => {
    expect(parseProcNetLine(LISTEN_DUAL_STACK)).toEqual({
      proto: 'tcp6',
      local: ['::', 34997],
      remote: ['::', 0],
      state: 'LISTEN',
      inode: 13042,
    });
    expect(parseProcNetLine(MAPPED_V4_PEER)).toMatchObject({
      local: ['::ffff:127.0.0.1', 34997],
      remote: ['::ffff:127.0.0.1', 38404],
      state: 'ESTABLISHED',
    });
  });

  it('reverses each 32-bit word on its own and writes addresses like Node', () => {
    expect(parseProcNetLine(LOOPBACK_V6)).toMatchObject({
      proto: 'tcp6',
      local: ['::1', 40422],
      remote: ['::1', 40311],
    });
    expect(parseProcNetLine(LINK_LOCAL_V6).local).toEqual(['fe80::fc:ff:fe00:1', 22]);
  });
});

describe('parseProcNetLine: every state', () => {
  it('reads every state code the kernel writes, 01 (ESTABLISHED) to 0B (CLOSING)', () => {
    // include/net/tcp_states.h numbers the states from 1, in this order.
    const names = [
      'ESTABLISHED',
      'SYN_SENT',
      'SYN_RECV',
      'FIN_WAIT1',
      'FIN_WAIT2',
      'TIME_WAIT',
      'CLOSE',
      'CLOSE_WAIT',
      'LAST_ACK',
      'LISTEN',
      'CLOSING',
    ];
    const code = (i: number) => (i + 1).toString(16).toUpperCase().padStart(2, '0');
    // CLIENT_V4 with its st column (01) replaced by each code in turn.
    const read = names.map((_, i) => {
      const line = CLIENT_V4.replace(' 01 ', ` ${code(i)} `);
      return `${code(i)} ${parseProcNetLine(line).state}`;
    });
    expect(read).toEqual(names.map((name, i) => `${code(i)} ${name}`));
  });
});

describe('parseProcNetLine: bad input', () => {
  const HEADER =
    '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode';

  it('tells the header from a data line: it throws for the header, parses the line after it', () => {
    expect(parseProcNetLine(LISTEN_V4).state).toBe('LISTEN');
    expect(() => parseProcNetLine(HEADER)).toThrow();
    expect(() => parseProcNetLine('')).toThrow();
  });

  it('throws for a line that is not a data line, naming the line', () => {
    expect(parseProcNetLine(LISTEN_V4).inode).toBe(13039); // the line the broken ones come from
    const broken = [
      HEADER,
      LISTEN_V4.slice(0, 40), // cut short before its inode
      LISTEN_V4.replace(' 0A ', ' 0C '), // a state code the kernel does not have
      LISTEN_V4.replace('0100007F:8D27', '00100007F:8D27'), // a 9-digit address
      LISTEN_V4.replace('0100007F:8D27', '0100007F:8D270'), // a 5-digit port
    ];
    for (const line of broken) {
      let outcome: string;
      try {
        outcome = `returned ${JSON.stringify(parseProcNetLine(line))}`;
      } catch (error) {
        outcome = String((error as Error).message);
      }
      expect(outcome, `parseProcNetLine(${JSON.stringify(line)})`).toContain(JSON.stringify(line));
    }
  });
});

const thisMachine = linuxOnly("it reads this machine's /proc/net/tcp");
thisMachine.describe('parseProcNetLine on this machine', () => {
  it("finds the grader's own listening socket in /proc/net/tcp", async () => {
    const server = createServer();
    const connections = track(server);
    server.listen(0, '127.0.0.1');
    await within(once(server, 'listening'), 2_000, 'listen on 127.0.0.1');
    try {
      const { port } = server.address() as { port: number };
      const lines = (await readFile('/proc/net/tcp', 'utf8')).split('\n').slice(1);
      const entries = lines.filter((l) => l.trim() !== '').map((l) => parseProcNetLine(l));
      expect(entries).toContainEqual(
        expect.objectContaining({ local: ['127.0.0.1', port], state: 'LISTEN' }),
      );
    } finally {
      await closeServer(server, connections);
    }
  });
});
