// The rules that tell a server's own client from a stranger's, on lines captured from a real kernel.
import { describe, expect, it } from 'vitest';
import {
  clientEndIn,
  clientOwner,
  parseChildren,
  parseStatParent,
} from '../src/connection-owner.ts';

const HEADER =
  '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode';
// Linux 6.18, Node 20: a server on 127.0.0.1:36135 (0x8D27) and its client 127.0.0.1:35214 (0x898E).
const LISTEN =
  '   1: 0100007F:8D27 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 13039 1 00000000cebb8739 100 0 0 10 0';
const CLIENT =
  '   5: 0100007F:898E 0100007F:8D27 01 00000000:00000000 00:00000000 00000000     0        0 13040 2 00000000299dbc29 20 0 0 10 -1';
const ACCEPTED =
  '   6: 0100007F:8D27 0100007F:898E 01 00000000:00000000 00:00000000 00000000     0        0 13041 1 000000008d2ce66e 20 0 0 10 -1';
// The same four addresses, an earlier connection closed by the client: TIME_WAIT, no inode.
const CLIENT_TIME_WAIT =
  '   7: 0100007F:898E 0100007F:8D27 06 00000000:00000000 03:00001652 00000000     0        0 0 3 000000007e1dacc3';
// A client that closed first and whose FIN is not yet acknowledged: orphaned, inode 0.
const CLIENT_CLOSED =
  '   5: 0100007F:898E 0100007F:8D27 04 00000000:00000000 01:00000014 00000000     0        0 0 1 00000000299dbc29 20 0 0 10 -1';
// A dual-stack client (an IPv6 socket connected to ::ffff:127.0.0.1:36135), as tcp6 shows it.
const CLIENT6_MAPPED =
  '   1: 0000000000000000FFFF00000100007F:898E 0000000000000000FFFF00000100007F:8D27 01 00000000:00000000 00:00000000 00000000     0        0 13044 1 0000000087e4abc9 20 0 0 10 -1';
// Another connection to the same server, from port 35215 (0x898F): not the one asked about.
const OTHER_CLIENT =
  '   8: 0100007F:898F 0100007F:8D27 01 00000000:00000000 00:00000000 00000000     0        0 13050 2 00000000299dbc29 20 0 0 10 -1';

const table = (...lines: string[]) => [HEADER, ...lines, ''].join('\n');
const ENDS = { server: ['127.0.0.1', 36135], client: ['127.0.0.1', 35214] } as const;

describe('clientEndIn', () => {
  it("finds the client's socket, not the accepted mirror image or the listener", () => {
    const entry = clientEndIn(table(LISTEN, ACCEPTED, OTHER_CLIENT, CLIENT), 'tcp', ENDS);
    expect(entry).toMatchObject({
      local: ['127.0.0.1', 35214],
      remote: ['127.0.0.1', 36135],
      state: 'ESTABLISHED',
      inode: 13040,
    });
  });

  it('prefers the live socket to a TIME_WAIT leftover of the same four addresses', () => {
    expect(clientEndIn(table(CLIENT_TIME_WAIT, CLIENT), 'tcp', ENDS)?.inode).toBe(13040);
    expect(clientEndIn(table(CLIENT, CLIENT_TIME_WAIT), 'tcp', ENDS)?.inode).toBe(13040);
  });

  it('returns a closed client with inode 0, and nothing when the client is gone', () => {
    expect(clientEndIn(table(LISTEN, ACCEPTED, CLIENT_CLOSED), 'tcp', ENDS)?.inode).toBe(0);
    expect(clientEndIn(table(LISTEN, ACCEPTED), 'tcp', ENDS)).toBeUndefined();
    expect(clientEndIn(HEADER, 'tcp', ENDS)).toBeUndefined();
  });

  it('matches an IPv4-mapped client in tcp6, with either spelling of the addresses', () => {
    expect(clientEndIn(table(CLIENT6_MAPPED), 'tcp6', ENDS)?.inode).toBe(13044);
    const mapped = {
      server: ['::ffff:127.0.0.1', 36135],
      client: ['::ffff:127.0.0.1', 35214],
    } as const;
    expect(clientEndIn(table(CLIENT6_MAPPED), 'tcp6', mapped)?.inode).toBe(13044);
  });

  it('does not match a client on another loopback address', () => {
    const elsewhere = { server: ['127.0.0.1', 36135], client: ['127.0.0.2', 35214] } as const;
    expect(clientEndIn(table(CLIENT), 'tcp', elsewhere)).toBeUndefined();
  });
});

describe('clientOwner', () => {
  it("says 'ours' when our processes hold the inode, 'stranger' when not", () => {
    expect(clientOwner({ inode: 13040 }, new Set([7, 13040]))).toBe('ours');
    expect(clientOwner({ inode: 13040 }, new Map([[7, 3]]))).toBe('stranger');
  });

  it("says 'unknown' when the client closed (inode 0) or is gone", () => {
    expect(clientOwner({ inode: 0 }, new Set([0]))).toBe('unknown');
    expect(clientOwner(undefined, new Set([13040]))).toBe('unknown');
  });
});

describe('parseStatParent', () => {
  it('reads the fourth field, counting from the last parenthesis of the command name', () => {
    expect(parseStatParent('4242 (node) S 4200 4242 4200 0 -1 4194560 1234 0 0 0')).toBe(4200);
    expect(parseStatParent('4243 (a) b (c) R 1 4243 4243 0 -1')).toBe(1);
  });

  it('names what it got when the text is not a stat line', () => {
    expect(() => parseStatParent('garbage')).toThrow(
      'expected "pid (comm) state ppid ..." from /proc/<pid>/stat, got "garbage"',
    );
  });
});

describe('parseChildren', () => {
  it('reads the space-separated pids, empty when there are none', () => {
    expect(parseChildren('8317 8320 ')).toEqual([8317, 8320]);
    expect(parseChildren('')).toEqual([]);
  });
});
