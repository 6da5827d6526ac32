import { describe, expect, it } from 'vitest';
import { parseSsEndpoint, parseSsOutput, parseSsUsers } from '../src/ss-output.ts';

// Captured from `ss -tanp` on Linux 6.18 with iproute2, while Node held these sockets.
const CAPTURED = `State     Recv-Q Send-Q      Local Address:Port        Peer Address:Port Process
LISTEN    0      511             127.0.0.1:36135            0.0.0.0:*     users:(("node",pid=7107,fd=19))
TIME-WAIT 0      0               192.0.2.2:37540       203.0.113.80:80
ESTAB     0      0               127.0.0.1:35214          127.0.0.1:36135 users:(("node",pid=7107,fd=20))
LISTEN    0      511                     *:34997                  *:*     users:(("node",pid=7107,fd=22))
ESTAB     0      0      [::ffff:127.0.0.1]:34997 [::ffff:127.0.0.1]:38404 users:(("node",pid=7107,fd=24))
`;

describe('parseSsEndpoint', () => {
  it('reads IPv4, bracketed IPv6, * ports and the dual-stack * host', () => {
    expect(parseSsEndpoint('127.0.0.1:36135')).toEqual(['127.0.0.1', 36135]);
    expect(parseSsEndpoint('[::ffff:127.0.0.1]:34997')).toEqual(['::ffff:127.0.0.1', 34997]);
    expect(parseSsEndpoint('0.0.0.0:*')).toEqual(['0.0.0.0', 0]);
    expect(parseSsEndpoint('*:34997')).toEqual(['::', 34997]);
    expect(parseSsEndpoint('[::]:22')).toEqual(['::', 22]);
    expect(parseSsEndpoint('127.0.0.53%lo:53')).toEqual(['127.0.0.53', 53]);
  });

  it('rejects text without a port, naming it', () => {
    expect(() => parseSsEndpoint('127.0.0.1')).toThrow(/"127\.0\.0\.1"/);
    expect(() => parseSsEndpoint('127.0.0.1:http')).toThrow(/port/);
  });
});

describe('parseSsUsers', () => {
  it('reads every (name, pid, fd) triple', () => {
    expect(parseSsUsers('users:(("node",pid=7107,fd=19),("node",pid=7200,fd=3))')).toEqual([
      { command: 'node', pid: 7107, fd: 19 },
      { command: 'node', pid: 7200, fd: 3 },
    ]);
    expect(parseSsUsers('')).toEqual([]);
  });
});

describe('parseSsOutput', () => {
  it('turns ss state names into the kernel names netstat() uses', () => {
    const rows = parseSsOutput(CAPTURED);
    expect(rows.map((r) => r.state)).toEqual([
      'LISTEN',
      'TIME_WAIT',
      'ESTABLISHED',
      'LISTEN',
      'ESTABLISHED',
    ]);
    expect(rows[0]).toEqual({
      state: 'LISTEN',
      ssState: 'LISTEN',
      recvQ: 0,
      sendQ: 511,
      local: ['127.0.0.1', 36135],
      remote: ['0.0.0.0', 0],
      users: [{ command: 'node', pid: 7107, fd: 19 }],
    });
    expect(rows[1]?.users).toEqual([]);
    expect(rows[4]?.local).toEqual(['::ffff:127.0.0.1', 34997]);
  });

  it('skips the header and blank lines, and refuses a truncated line', () => {
    expect(parseSsOutput('State Recv-Q Send-Q Local Address:Port Peer Address:Port\n\n')).toEqual(
      [],
    );
    expect(() => parseSsOutput('ESTAB 0 0 127.0.0.1:1')).toThrow(/unexpected ss line/);
  });
});
