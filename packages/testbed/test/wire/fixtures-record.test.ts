// Every fixture writes down what it saw, without changing what it does.
import dgram from 'node:dgram';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { listenDns } from '../../src/dns/index.ts';
import {
  closedPort,
  connectTcp,
  listenBlackhole,
  listenEcho,
  listenHttp,
  listenRecorder,
} from '../../src/fixtures/index.ts';
import { listenTcp } from '../../src/fixtures/listen-tcp.ts';
import { linuxOnly } from '../../src/linux-only/tests.ts';
import { listenLossyUdp } from '../../src/lossy-udp/index.ts';
import { within } from '../../src/timing/index.ts';
import { converse } from '../../src/wire/record/recording-client.ts';
import { sentParts } from '../../src/wire/record/transcript.ts';
import { WireLog } from '../../src/wire/record/wire-log.ts';
import { formatTranscript } from '../../src/wire/show/format-transcript.ts';
import { maskVarying, VARIES } from '../../src/wire/show/mask-varying.ts';
import { maskTimes, outline, waitForKernel } from './outline.ts';

const linux = linuxOnly("the kernel's view of each socket (state, queues) comes from /proc/net");

describe('TCP fixtures record each connection', () => {
  it('echo: connect, bytes both ways, both FINs; no probe for a connection already over', async () => {
    await using echo = await listenEcho();
    const client = await connectTcp(echo.port);
    const clientPort = client.localPort;
    client.end('hello');
    client.resume();
    await within(once(client, 'close'), 2_000, 'the echo to close');
    await echo.close();
    const [t] = echo.wire.transcripts();
    expect(outline(t!)).toEqual(['→ connect', '→ hello', '← hello', '→ FIN', '← FIN']);
    expect(t).toMatchObject({
      protocol: 'tcp',
      fixture: 'server',
      label: 'echo',
      client: ['127.0.0.1', clientPort],
      server: ['127.0.0.1', echo.port],
      totals: { client: 5, server: 5 },
    });
  });

  linux.it(
    "recorder: a silent server's transcript, probed and torn down while the client still holds on",
    async () => {
      await using recorder = await listenRecorder();
      const client = await connectTcp(recorder.port);
      client.write('abc');
      await recorder.waitForBytes(3);
      await recorder.close();
      client.destroy();
      expect(outline(recorder.wire.transcripts()[0]!)).toEqual([
        '→ connect',
        '→ abc',
        'kernel: client ESTABLISHED/0, server ESTABLISHED/0',
        'teardown',
      ]);
    },
  );

  linux.it(
    'a tap never makes a socket read: bytes a fixture does not read stay in the kernel',
    async () => {
      const wire = new WireLog();
      // A fixture that pauses at once: Node then stops reading at its high-water mark.
      await using sink = await listenTcp((socket) => socket.pause(), { wire, label: 'sink' });
      const client = await connectTcp(sink.port);
      const sent = 1024 * 1024;
      client.write(Buffer.alloc(sent, 'x'));
      const ends = [['127.0.0.1', client.localPort ?? 0], sink.address] as const;
      const settled = await waitForKernel(...ends, (q) => (q.server?.rxQueue ?? 0) > 0);
      client.destroy();
      // Node read up to its high-water mark (16 KiB on Node 20, 64 KiB on 22) and stopped: the
      // rest waits in the kernel, where the probe sees it.
      expect(wire.transcripts()[0]!.totals.client).toBeLessThan(sent);
      expect(settled.server?.rxQueue).toBeGreaterThan(0);
    },
  );

  it('http target: the request, the response, the FIN; dribble: "random" records its seed', async () => {
    await using target = await listenHttp({ body: 'hello', dribble: 'random' }, { seed: 7 });
    // converse() reads until the target closes, so both FINs are on the wire before close().
    const talk = await converse(target.port, { send: 'GET / HTTP/1.1\r\nHost: x\r\n\r\n' });
    expect(talk.received.toString()).toMatch(/\r\n\r\nhello$/);
    await target.close();
    const [t] = target.wire.transcripts();
    expect(t!.seed).toBe(7);
    expect(t!.label).toBe('http target');
    const lines = outline(t!);
    expect(lines[0]).toBe('→ connect');
    expect(lines[1]).toMatch(/^→ GET \/ HTTP\/1\.1\r\n/);
    expect(lines[2]).toMatch(/^← HTTP\/1\.1 200 OK\r\n[\s\S]*\r\n\r\nhello$/);
    expect(lines.slice(3)).toEqual(['← FIN', '→ FIN']);
    // Random dribbling: the pieces are 1 to 16 bytes.
    const pieces = t!.events.filter((e) => e.kind === 'data' && e.from === 'server');
    expect(pieces.length).toBeGreaterThan(3);
    for (const piece of pieces) expect(piece.kind === 'data' && piece.size).toBeLessThanOrEqual(16);
    expect(formatTranscript(t!).split('\n')[0]).toMatch(
      /^wire \(your client 127\.0\.0\.1:\d+ ⇄ the test's http target 127\.0\.0\.1:\d+, seed 7\):$/,
    );
  });

  it('http target: resetAfterBytes resets on purpose, and says so', async () => {
    await using target = await listenHttp({ body: 'hello', resetAfterBytes: 10 });
    const client = await connectTcp(target.port);
    client.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    const error = await within(
      new Promise<NodeJS.ErrnoException>((resolve) => client.once('error', resolve)),
      2_000,
      'the reset',
    );
    expect(error.code).toBe('ECONNRESET');
    client.destroy();
    const lines = outline(target.wire.transcripts()[0]!);
    expect(lines).toEqual([
      '→ connect',
      '→ GET / HTTP/1.1\r\nHost: x\r\n\r\n',
      '← HTTP/1.1 2',
      '← RST',
    ]);
    const [reset] = target.wire.transcripts()[0]!.events.filter((e) => e.kind === 'rst');
    expect(reset).toMatchObject({ from: 'server', seenAs: expect.stringContaining('on purpose') });
  });
});

describe('fixtures without traffic of their own leave a note', () => {
  it('closed port and blackhole say what they are', async () => {
    await using closed = await closedPort();
    await using hole = await listenBlackhole();
    expect(maskTimes(formatTranscript(closed.wire.transcripts()[0]!, { width: 200 }))).toEqual([
      `wire (your client ⇄ the test's closed port 127.0.0.1:${closed.port}):`,
      '+T ms  · nothing listens here, on purpose: the kernel answers every SYN with RST, so a connect fails at once with ECONNREFUSED',
    ]);
    expect(hole.wire.transcripts()[0]!.events).toMatchObject([
      { kind: 'note', text: expect.stringContaining('never accepts') },
    ]);
    expect(hole.wire.claimed()).toHaveLength(3); // the listener and its two fillers
  });
});

describe('UDP fixtures record each datagram', () => {
  it('lossy peer: what arrived, what it dropped on purpose, what it sent back', async () => {
    await using peer = await listenLossyUdp({ seed: 42, loss: 0.3 });
    const socket = dgram.createSocket('udp4');
    const fates = peer.plan(4).map((d) => d.drop);
    const replies = fates.filter((drop) => !drop).length;
    let received = 0;
    const allReplies = new Promise<void>((resolve) =>
      socket.on('message', () => {
        if (++received === replies) resolve();
      }),
    );
    for (let i = 0; i < 4; i++) socket.send(`ping ${i}`, peer.port, '127.0.0.1');
    await within(allReplies, 2_000, `${replies} replies`);
    socket.close();
    const [t] = peer.wire.transcripts();
    expect(t!.seed).toBe(42);
    const arrivals = outline(t!).filter((line) => line.startsWith('→'));
    expect(arrivals).toEqual(
      fates.map(
        (drop, i) => `→ ping ${i} (arrival ${i}: ${drop ? 'dropped on purpose' : 'answered'})`,
      ),
    );
    expect(outline(t!).filter((line) => line.startsWith('←'))).toHaveLength(replies);
  });

  it('DNS server: questions and answers, in words', async () => {
    await using dns = await listenDns({ records: { 'web.test': { A: ['192.0.2.7'] } } });
    expect(await dns.resolver().resolve4('web.test')).toEqual(['192.0.2.7']);
    await expect(dns.resolver().resolve4('nope.test')).rejects.toThrow();
    expect(outline(dns.wire.transcripts()[0]!)).toEqual([
      '→ query A? web.test',
      '← answer web.test → A 192.0.2.7',
      '→ query A? nope.test',
      '← answer NXDOMAIN nope.test',
    ]);
    // Each query's random ID is marked as varying, so no reference comparison stops at it.
    const queries = sentParts(dns.wire.transcripts()[0]!, 'client').parts;
    const masked = maskVarying(queries, dns.wire.transcripts()[0]!.varies ?? []).bytes;
    expect(masked.toString('latin1').split(VARIES).length - 1, 'IDs masked').toBe(2);
  });

  it('a fixture given `varies` keeps it in its transcripts, as RegExp sources', async () => {
    await using peer = await listenLossyUdp({ seed: 1, varies: [/^Ping \d+ (\d+)/] });
    expect(peer.wire.transcripts()[0]!.varies).toEqual(['^Ping \\d+ (\\d+)']);
    await using plain = await listenLossyUdp({ seed: 1 });
    expect(plain.wire.transcripts()[0]!.varies).toBeUndefined();
    await using server = await listenTcp((socket) => socket.end(), { varies: [/id=(\w+)/] });
    const client = await connectTcp(server.port);
    await once(client, 'close');
    expect(server.wire.transcripts()[0]!.varies).toEqual(['id=(\\w+)']);
  });
});

describe('maskVarying', () => {
  it('replaces every capture group of every match, per part, and maps bytes back to raw offsets', () => {
    const parts = [Buffer.from('Ping 1 123'), Buffer.from('Ping 2 45 x')];
    const masked = maskVarying(parts, ['^Ping \\d+ (\\d+)']);
    expect(masked.bytes.toString('latin1')).toBe(`Ping 1 ${VARIES}Ping 2 ${VARIES} x`);
    expect(masked.rawLength).toBe(21);
    // 'P' of the second part is raw byte 10; the second token stands for raw bytes 17-18.
    expect(masked.rawIndex[7 + VARIES.length]).toBe(10);
    expect(masked.rawIndex[14 + VARIES.length]).toBe(17);
    expect(masked.rawIndex.at(-1)).toBe(20);
  });

  it('leaves a part the pattern does not match as it is, and merges overlapping groups', () => {
    expect(maskVarying([Buffer.from('pong 1 123')], ['^Ping \\d+ (\\d+)']).bytes.toString()).toBe(
      'pong 1 123',
    );
    expect(maskVarying([Buffer.from('abcdef')], ['(bcd)', '(cde)']).bytes.toString()).toBe(
      `a${VARIES}f`,
    );
  });
});
