// The explainers: sockets read from /proc for a pid, a leak explained by its state, a hang by
// what the code waits on, an error by what the wire saw.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  connectTcp,
  listenBlackhole,
  listenHttp,
  listenRecorder,
} from '../../src/fixtures/index.ts';
import { linuxOnly } from '../../src/linux-only/tests.ts';
import { within } from '../../src/timing/index.ts';
import {
  describeSockets,
  type SocketView,
  socketViews,
} from '../../src/wire/explain/describe-sockets.ts';
import { explainErrno } from '../../src/wire/explain/explain-errno.ts';
import { explainHang } from '../../src/wire/explain/explain-hang.ts';
import { explainLeak } from '../../src/wire/explain/explain-leak.ts';
import { unreadData } from '../../src/wire/explain/read-proc-net.ts';
import { tapClient } from '../../src/wire/record/recording-client.ts';
import { WireLog } from '../../src/wire/record/wire-log.ts';
import { data, REQUEST, RESPONSE, transcript } from './build-transcript.ts';

const linux = linuxOnly("the kernel's view of each socket (state, queues) comes from /proc/net");

const open: (net.Server | net.Socket)[] = [];
afterEach(async () => {
  for (const thing of open.splice(0).reverse()) {
    if (thing instanceof net.Socket) thing.destroy();
    else await new Promise<void>((resolve) => thing.close(() => resolve()));
  }
});

const tcp = (
  state: string,
  rxQueue = 0,
  remote: SocketView['remote'] | 'none' = ['127.0.0.1', 41873],
): SocketView => ({
  protocol: 'tcp',
  state,
  local: ['127.0.0.1', 50122],
  remote: remote === 'none' ? undefined : remote,
  txQueue: 0,
  rxQueue,
});

describe('socketViews', () => {
  it("keeps the process's sockets, in fd order, as ss would name them", () => {
    const entries = [
      {
        proto: 'tcp',
        local: ['127.0.0.1', 41873],
        remote: ['0.0.0.0', 0],
        state: 'LISTEN',
        txQueue: 0,
        rxQueue: 0,
        inode: 11,
      },
      {
        proto: 'tcp6',
        local: ['::ffff:127.0.0.1', 41873],
        remote: ['::ffff:127.0.0.1', 50122],
        state: 'CLOSE_WAIT',
        txQueue: 0,
        rxQueue: 6,
        inode: 12,
      },
      {
        proto: 'udp',
        local: ['127.0.0.1', 5353],
        remote: ['0.0.0.0', 0],
        state: 'CLOSE',
        txQueue: 0,
        rxQueue: 0,
        inode: 13,
      },
      {
        proto: 'tcp',
        local: ['127.0.0.1', 1],
        remote: ['127.0.0.1', 2],
        state: 'TIME_WAIT',
        txQueue: 0,
        rxQueue: 0,
        inode: 0,
      },
      {
        proto: 'tcp',
        local: ['127.0.0.1', 3],
        remote: ['127.0.0.1', 4],
        state: 'ESTABLISHED',
        txQueue: 0,
        rxQueue: 0,
        inode: 99,
      },
    ] as const;
    const strip = (host: string) => host.replace(/^::ffff:/, '');
    expect(
      socketViews(
        entries,
        new Map([
          [13, 20],
          [11, 21],
          [12, 22],
        ]),
        strip,
      ),
    ).toEqual([
      {
        protocol: 'udp',
        state: 'UNCONN',
        local: ['127.0.0.1', 5353],
        remote: undefined,
        txQueue: 0,
        rxQueue: 0,
        fd: 20,
      },
      {
        protocol: 'tcp',
        state: 'LISTEN',
        local: ['127.0.0.1', 41873],
        remote: undefined,
        txQueue: 0,
        rxQueue: 0,
        fd: 21,
      },
      {
        protocol: 'tcp',
        state: 'CLOSE_WAIT',
        local: ['127.0.0.1', 41873],
        remote: ['127.0.0.1', 50122],
        txQueue: 0,
        rxQueue: 5, // the kernel's 6 counts the FIN
        fd: 22,
      },
    ]);
  });
});

describe('unreadData', () => {
  it('leaves out the one the kernel counts for a received FIN, and only then', () => {
    expect(unreadData('CLOSE_WAIT', 28)).toBe(27);
    expect(unreadData('LAST_ACK', 1)).toBe(0);
    expect(unreadData('CLOSE_WAIT', 0)).toBe(0);
    expect(unreadData('ESTABLISHED', 28)).toBe(28);
    expect(unreadData('FIN_WAIT2', 5)).toBe(5);
  });
});

describe('describeSockets', () => {
  linux.it("reads this process's sockets from /proc, with their state and queues", async () => {
    const server = net.createServer((socket) => socket.end());
    open.push(server);
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const port = (server.address() as net.AddressInfo).port;
    // allowHalfOpen: after the server's FIN the client stays open, in CLOSE_WAIT.
    const client = net.connect({ port, host: '127.0.0.1', allowHalfOpen: true });
    open.push(client);
    client.resume();
    await within(once(client, 'end'), 2_000, 'the end of file');
    const sockets = (await describeSockets()) ?? [];
    const listener = sockets.find((s) => s.state === 'LISTEN' && s.local[1] === port);
    expect(listener).toMatchObject({
      protocol: 'tcp',
      local: ['127.0.0.1', port],
      remote: undefined,
    });
    expect(listener?.fd).toBeGreaterThan(2);
    const mine = sockets.find((s) => s.local[1] === client.localPort);
    expect(mine).toMatchObject({ state: 'CLOSE_WAIT', remote: ['127.0.0.1', port] });
    expect(explainLeak(listener!)).toBe(
      `a TCP server still listens on 127.0.0.1:${port}: close it (server.close()) when you are done`,
    );
    expect(explainLeak(mine!)).toBe(
      `TCP 127.0.0.1:${client.localPort} → 127.0.0.1:${port} is in CLOSE_WAIT: the peer closed and you never did (call end() or destroy() once you have read to the end)`,
    );
  });

  linux.it(
    "reads another process's sockets by pid: what a watchdog sees of a hung test",
    async () => {
      // A child that listens and prints its port (plain JavaScript: no loader needed).
      const child = spawn(
        process.execPath,
        [
          '-e',
          "require('net').createServer().listen(0, '127.0.0.1', function () { console.log(this.address().port) })",
        ],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      );
      try {
        const [line] = (await within(
          once(child.stdout, 'data'),
          10_000,
          'the child to listen',
        )) as [Buffer];
        const port = Number(line.toString().trim());
        const sockets = (await describeSockets(child.pid)) ?? [];
        expect(sockets.filter((s) => s.protocol === 'tcp')).toEqual([
          expect.objectContaining({
            state: 'LISTEN',
            local: ['127.0.0.1', port],
            remote: undefined,
          }),
        ]);
      } finally {
        if (child.exitCode === null && child.signalCode === null) {
          const exited = once(child, 'exit');
          child.kill();
          await exited;
        }
      }
    },
  );

  it('is undefined for a process that is not there', async () => {
    expect(await describeSockets(2 ** 22 + 12_345)).toBeUndefined();
  });
});

describe('explainLeak', () => {
  it('explains each state by who closed what', () => {
    expect([
      explainLeak(tcp('ESTABLISHED', 12)),
      explainLeak(tcp('SYN_SENT')),
      explainLeak(tcp('FIN_WAIT2')),
      explainLeak(tcp('TIME_WAIT')),
      explainLeak({ ...tcp('UNCONN', 0, 'none'), protocol: 'udp' }),
    ]).toEqual([
      'TCP 127.0.0.1:50122 → 127.0.0.1:41873 is still ESTABLISHED, with 12 B it never read: neither side closed it; end() or destroy() it when you are done',
      'a connect from 127.0.0.1:50122 to 127.0.0.1:41873 is still pending (SYN_SENT): nothing answered it and no timeout gave up on it',
      'TCP 127.0.0.1:50122 → 127.0.0.1:41873 is in FIN_WAIT2: you closed your side (FIN, end()) and the peer never closed theirs; destroy() the socket if you will not read any more',
      "TCP 127.0.0.1:50122 → 127.0.0.1:41873 is in TIME_WAIT: not a leak; the kernel keeps a connection's ports for a minute after the side that closed first is done, and no program holds it",
      'a UDP socket bound to 127.0.0.1:50122 is still open: close() it when you are done',
    ]);
  });
});

describe('explainHang', () => {
  linux.it('a connect to a port that never answers: pending, SYN_SENT', async () => {
    await using hole = await listenBlackhole();
    const student = net.connect(hole.port, '127.0.0.1');
    open.push(student);
    student.on('error', () => {});
    // net.connect issues the connect on a later tick; after one turn the socket is SYN_SENT.
    await new Promise((resolve) => setImmediate(resolve));
    const sockets = (await describeSockets()) ?? [];
    const lines = explainHang({
      sockets,
      transcripts: hole.wire.transcripts(),
      fixtures: hole.wire.claimed(),
    });
    const pending = sockets.find((s) => s.state === 'SYN_SENT');
    expect(lines).toEqual([
      `· a connect from 127.0.0.1:${pending?.local[1]} to 127.0.0.1:${hole.port} is still pending (SYN_SENT): nothing answered, and no timeout of yours gave up on it`,
    ]);
  });

  linux.it(
    'a read with no data; bytes that arrived and were never read; what the wire saw',
    async () => {
      await using recorder = await listenRecorder();
      const waiting = await connectTcp(recorder.port); // the student's client, waiting for a reply
      open.push(waiting);
      waiting.write('hello');
      await recorder.waitForBytes(5);
      const paused = net.createServer({ pauseOnConnect: true }, (socket) => open.push(socket));
      open.push(paused);
      paused.listen(0, '127.0.0.1');
      await once(paused, 'listening');
      const port = (paused.address() as net.AddressInfo).port;
      const accepted = once(paused, 'connection');
      // The test's own client to the student's server, recorded so it is not taken for the student's.
      const talkWire = new WireLog();
      const talker = net.connect(port, '127.0.0.1');
      open.push(talker);
      tapClient(talker, ['127.0.0.1', port], { wire: talkWire });
      talker.write('x'.repeat(100));
      await within(accepted, 2_000, 'the connection');
      // The 100 bytes are in the kernel as soon as the write returns on loopback; look until seen.
      const facts = async () => ({
        sockets: await describeSockets(),
        transcripts: [...recorder.wire.transcripts(), ...talkWire.transcripts()],
        fixtures: recorder.wire.claimed(),
        expectedListen: ['127.0.0.1', port] as const,
      });
      let lines: string[] = [];
      for (let i = 0; i < 100 && !lines.some((l) => l.includes('100 B arrived')); i++) {
        lines = explainHang(await facts());
      }
      expect(lines[0]).toBe(`· your server listens on 127.0.0.1:${port}, as the test expected`);
      // The student's sockets come in fd order, which the kernel picks: compare them as a set.
      expect(lines.slice(1, 3).sort()).toEqual(
        [
          `· 127.0.0.1:${waiting.localPort} → 127.0.0.1:${recorder.port} is open with nothing to read: a read there waits until the peer sends more or closes`,
          `· 127.0.0.1:${port} ← 127.0.0.1:${talker.localPort}: 100 B arrived and were never read; is your code reading this socket?`,
        ].sort(),
      );
      expect(lines.slice(3)).toEqual([
        `· on the wire with the test's recorder 127.0.0.1:${recorder.port}: your client sent 5 B and got 0 B; nobody closed`,
        `· on the wire with the test's client 127.0.0.1:${talker.localPort}: your server sent 0 B and got 100 B; nobody closed`,
      ]);
    },
  );
});

describe('explainErrno', () => {
  const fromTarget = (events: Parameters<typeof transcript>[0]) => transcript(events);

  it('ECONNRESET: a reset on purpose, bytes sent after the server closed, or no clue', () => {
    const onPurpose = fromTarget([
      { kind: 'connect', at: 0 },
      data(1, 'client', REQUEST),
      { kind: 'rst', at: 2, from: 'server', seenAs: 'resetAndDestroy(): on purpose' },
    ]);
    expect(explainErrno('ECONNRESET', onPurpose)).toBe(
      "ECONNRESET: the test's http target reset the connection at +2.0 ms (resetAndDestroy(): on purpose); your code must expect a read or write to fail then",
    );
    const late = fromTarget([
      { kind: 'connect', at: 0 },
      data(1, 'client', REQUEST),
      data(2, 'server', RESPONSE),
      { kind: 'fin', at: 3, from: 'server' },
      data(4, 'client', 'more', REQUEST.length),
    ]);
    expect(explainErrno('ECONNRESET', late)).toBe(
      "ECONNRESET: your client sent 4 B after the test's http target had closed (FIN at +3.0 ms): those bytes stay unread, and the kernel answers RST when a socket closes with data still unread",
    );
    expect(explainErrno('ECONNRESET')).toBe(
      'ECONNRESET: the peer reset the connection (RST), so the next read or write failed; a peer resets when it closes with data still unread, or aborts',
    );
  });

  it('ECONNREFUSED, EPIPE, ETIMEDOUT (whose timeout?) and EADDRINUSE (who holds the port?)', () => {
    const closed = transcript([], { label: 'closed port', client: undefined });
    expect(explainErrno('ECONNREFUSED', closed)).toBe(
      'ECONNREFUSED: nothing listened on 127.0.0.1:41873, so the kernel answered the SYN with RST (on purpose: the test checks that your code reports it)',
    );
    const closedByTarget = fromTarget([
      { kind: 'connect', at: 0 },
      { kind: 'fin', at: 5, from: 'server' },
    ]);
    expect(explainErrno('EPIPE', closedByTarget)).toBe(
      "EPIPE: your code wrote after the connection was gone (the test's http target closed its side at +5.0 ms); the kernel fails a write on a connection the peer has reset or fully closed, so stop writing once you see 'end', 'close' or an error",
    );
    expect(
      explainErrno('ETIMEDOUT', transcript([], { label: 'blackhole' }), {
        elapsedMs: 301,
        timeoutMs: 300,
      }),
    ).toBe(
      "ETIMEDOUT: your code's own timeout fired after 301 ms (you set 300 ms): the peer did not answer in time. The kernel's own ETIMEDOUT comes only after minutes of retries (about 127 s for a connect). The test's blackhole drops every SYN on purpose.",
    );
    expect(explainErrno('ETIMEDOUT', undefined, { elapsedMs: 130_000 })).toBe(
      "ETIMEDOUT: the kernel gave up after 130 s of retries: nothing answered (a connect's SYNs, or data never acknowledged). Set your own, shorter timeout.",
    );
    const holder: SocketView = {
      ...tcp('LISTEN', 0, 'none'),
      local: ['127.0.0.1', 8080],
      fd: 23,
    };
    expect(
      explainErrno('EADDRINUSE', undefined, { address: ['127.0.0.1', 8080], sockets: [holder] }),
    ).toBe(
      'EADDRINUSE on 127.0.0.1:8080: this process still has a TCP socket on 127.0.0.1:8080 (fd 23): close it before listening again. Listen on port 0 and read the port the kernel chose',
    );
    expect(
      explainErrno('EADDRINUSE', undefined, { address: ['127.0.0.1', 8080], sockets: [] }),
    ).toBe(
      'EADDRINUSE on 127.0.0.1:8080: another socket already has it: a server an earlier test left listening, or another program. Listen on port 0 and read the port the kernel chose',
    );
    expect(explainErrno('EWHATEVER')).toBeUndefined();
  });

  it('ECONNRESET from a live reset on purpose', async () => {
    await using target = await listenHttp({ body: 'hello', resetAfterBytes: 5 });
    const client = await connectTcp(target.port);
    open.push(client);
    client.write(REQUEST);
    const error = await within(
      new Promise<NodeJS.ErrnoException>((resolve) => client.once('error', resolve)),
      2_000,
      'the reset',
    );
    expect(explainErrno(error.code ?? '', target.wire.transcripts()[0])).toMatch(
      /^ECONNRESET: the test's http target reset the connection at \+\d+\.\d ms \(resetAndDestroy\(\): the test's http target resets on purpose \(resetAfterBytes\)\); your code must expect a read or write to fail then$/,
    );
  });
});
