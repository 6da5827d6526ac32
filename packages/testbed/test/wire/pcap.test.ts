// The pcapng file: checksums right by construction (known vectors), and a real reader, tshark,
// follows the synthesised TCP stream back to the bytes the sockets saw.
import { execFile } from 'node:child_process';
import dgram from 'node:dgram';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { connectTcp, listenEcho } from '../../src/fixtures/index.ts';
import { listenLossyUdp } from '../../src/lossy-udp/index.ts';
import { within } from '../../src/timing/index.ts';
import { internetChecksum } from '../../src/wire/pcap/checksum.ts';
import { addressBytes } from '../../src/wire/pcap/ip-address.ts';
import { TCP, tcpPacket, udpPacket } from '../../src/wire/pcap/packets.ts';
import { SYNTHESISED, toPcapng } from '../../src/wire/pcap/to-pcapng.ts';
import { WireLog } from '../../src/wire/record/wire-log.ts';
import { data, transcript } from './build-transcript.ts';

const run = promisify(execFile);

describe('packets', () => {
  it('computes the Internet checksum (RFC 1071) of a known IPv4 header', () => {
    expect(internetChecksum(Buffer.from('450000730000400040110000c0a80001c0a800c7', 'hex'))).toBe(
      0xb861,
    );
    // An odd length pads with a zero byte; several parts count as one run of bytes.
    expect(internetChecksum(Buffer.from([0x01]), Buffer.from([0x02, 0x03]))).toBe(
      internetChecksum(Buffer.from([0x01, 0x02, 0x03])),
    );
  });

  it('writes addresses as header bytes, IPv4-mapped ones as IPv4', () => {
    expect([...addressBytes('127.0.0.1')]).toEqual([127, 0, 0, 1]);
    expect([...addressBytes('::ffff:127.0.0.1')]).toEqual([127, 0, 0, 1]);
    expect([...addressBytes('::1')]).toEqual([...new Array(15).fill(0), 1]);
    expect(Buffer.from(addressBytes('2001:db8::7')).toString('hex')).toBe(
      '20010db8000000000000000000000007',
    );
    expect(() => addressBytes('localhost')).toThrow('not an IP address: "localhost"');
  });

  it('builds packets whose checksums verify to zero, and truncates a payload it does not know', () => {
    const segment = tcpPacket({
      from: ['127.0.0.1', 50122],
      to: ['127.0.0.1', 80],
      seq: 1001,
      ack: 5001,
      flags: TCP.ACK | TCP.PSH,
      payload: Buffer.from('hello'),
    });
    const ip = segment.captured.subarray(0, 20);
    expect(internetChecksum(ip)).toBe(0); // a header with its checksum sums to zero
    const tcp = segment.captured.subarray(20);
    const pseudo = Buffer.from([127, 0, 0, 1, 127, 0, 0, 1, 0, 6, 0, tcp.length]);
    expect(internetChecksum(pseudo, tcp)).toBe(0);
    expect(segment.length).toBe(20 + 20 + 5);

    const cut = udpPacket({
      from: ['::1', 5000],
      to: ['::1', 53],
      payload: Buffer.from('ab'),
      payloadLength: 10,
    });
    expect(cut.captured.length).toBe(40 + 8 + 2);
    expect(cut.length).toBe(40 + 8 + 10);
    expect(Buffer.from(cut.captured).readUInt16BE(40 + 6)).toBe(0); // no checksum without the whole payload
  });
});

/** The packets of a pcapng file (Enhanced Packet Blocks), and its section comment. */
function readPcapng(file: Buffer): {
  comment: string;
  packets: { data: Buffer; length: number; comment?: string }[];
} {
  let comment = '';
  const packets: { data: Buffer; length: number; comment?: string }[] = [];
  for (let at = 0; at < file.length; ) {
    const type = file.readUInt32LE(at);
    const total = file.readUInt32LE(at + 4);
    const optionText = (from: number): string | undefined => {
      for (let o = from; o < at + total - 4; ) {
        const code = file.readUInt16LE(o);
        const length = file.readUInt16LE(o + 2);
        if (code === 1) return file.subarray(o + 4, o + 4 + length).toString();
        if (code === 0) return undefined;
        o += 4 + length + ((4 - (length % 4)) % 4);
      }
      return undefined;
    };
    if (type === 0x0a0d0d0a) comment = optionText(at + 24) ?? '';
    if (type === 6) {
      const captured = file.readUInt32LE(at + 20);
      const data = file.subarray(at + 28, at + 28 + captured);
      const text = optionText(at + 28 + captured + ((4 - (captured % 4)) % 4));
      packets.push({
        data,
        length: file.readUInt32LE(at + 24),
        ...(text === undefined ? {} : { comment: text }),
      });
    }
    at += total;
  }
  return { comment, packets };
}

describe('toPcapng, read back by hand', () => {
  it('says it is synthesised; a refused connect is a SYN answered by RST; a gap moves seq on', () => {
    const refused = transcript([{ kind: 'refused', at: 10, code: 'ECONNREFUSED' }], {
      fixture: 'client',
      label: 'client',
      client: undefined,
    });
    const gapped = transcript([
      { kind: 'connect', at: 0 },
      data(1, 'client', 'abc'),
      { kind: 'gap', at: 2, events: 9, clientBytes: 1_000, serverBytes: 0 },
      { kind: 'fin', at: 3, from: 'client' },
    ]);
    const quiet = transcript([{ kind: 'note', at: 0, text: 'nothing listens here' }], {
      label: 'closed port',
      client: undefined,
    });
    const { comment, packets } = readPcapng(toPcapng([refused, gapped, quiet]));
    expect(comment).toBe(
      `${SYNTHESISED} closed port 127.0.0.1:41873: no traffic (nothing listens here).`,
    );
    const flags = packets.map((p) => p.data[33]); // IPv4 20 B + TCP flags at byte 13
    // In time order. gapped: SYN, SYN+ACK, ACK, PSH+ACK (abc), FIN+ACK, ACK; refused: SYN, RST+ACK.
    expect(flags).toEqual([0x02, 0x12, 0x10, 0x18, 0x11, 0x10, 0x02, 0x14]);
    expect(packets[6]?.comment).toBe(
      "connect refused (ECONNREFUSED); the client's own port is unknown",
    );
    const seq = (i: number) => packets[i]!.data.readUInt32BE(24);
    // The FIN comes 3 kept + 1000 counted bytes after the data.
    expect(seq(4) - seq(3)).toBe(3 + 1_000);
    expect(packets[4]?.comment).toBe(
      '9 reads and writes not kept here (1000 B from the client, 0 B from the server)',
    );
  });

  it('writes bytes past the cap as truncated packets with their real length', () => {
    const t = transcript([
      { kind: 'connect', at: 0 },
      { kind: 'data', at: 1, from: 'server', size: 10, offset: 0, bytes: Buffer.from('abcd') },
    ]);
    const { packets } = readPcapng(toPcapng([t]));
    expect(packets.at(-1)).toMatchObject({ length: 20 + 20 + 10 });
    expect(packets.at(-1)?.data.length).toBe(20 + 20 + 4);
  });
});

/** tshark, when installed: Debian's package is enough. */
async function findTshark(): Promise<string | undefined> {
  try {
    await run('tshark', ['--version']);
    return 'tshark';
  } catch {
    return undefined;
  }
}

describe('toPcapng, read back by tshark', () => {
  it('follows the TCP stream to the bytes the sockets saw, with every checksum good', async (context) => {
    const tshark = await findTshark();
    if (tshark === undefined) {
      // CI installs tshark (.ci/run): there a missing reader is a failure, not a skip.
      if (process.env.CI) throw new Error('tshark is missing in CI: .ci/run should install it');
      return context.skip(
        'tshark is not installed (apt install tshark): the pcap is not read back',
      );
    }
    const wire = new WireLog();
    await using echo = await listenEcho({ wire });
    const client = await connectTcp(echo.port);
    const message = `GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n${'x'.repeat(40_000)}`;
    client.end(message);
    client.resume();
    await within(once(client, 'close'), 2_000, 'the echo to close');
    await using peer = await listenLossyUdp({ seed: 42, loss: 0.5, wire });
    const udp = dgram.createSocket('udp4');
    udp.send('ping', peer.port, '127.0.0.1');
    udp.send('pong', peer.port, '127.0.0.1');
    await within(once(udp, 'message'), 2_000, 'a reply');
    udp.close();

    const dir = mkdtempSync(join(tmpdir(), 'wire-'));
    try {
      const file = join(dir, 'wire.pcapng');
      writeFileSync(file, toPcapng(wire.transcripts()));
      // One tshark for both views of stream 0: ascii (what a reader sees) and raw (exact bytes,
      // as hex, the server's side indented by a tab).
      const { stdout: followed } = await run(tshark, [
        '-r',
        file,
        '-q',
        '-z',
        'follow,tcp,ascii,0',
        '-z',
        'follow,tcp,raw,0',
      ]);
      expect(followed).toContain('GET / HTTP/1.1');
      const rawStart = followed.indexOf('Follow: tcp,raw');
      const raw = followed.slice(rawStart, followed.indexOf('=====', rawStart));
      const hex = raw.split('\n').filter((line) => /^\t?[0-9a-f]+$/.test(line));
      const sent = hex.filter((line) => !line.startsWith('\t')).join('');
      const echoed = hex
        .filter((line) => line.startsWith('\t'))
        .map((line) => line.slice(1))
        .join('');
      expect(Buffer.from(sent, 'hex').toString()).toBe(message);
      expect(Buffer.from(echoed, 'hex').toString()).toBe(message);

      const { stdout: fields } = await run(tshark, [
        '-r',
        file,
        '-o',
        'tcp.check_checksum:TRUE',
        '-o',
        'udp.check_checksum:TRUE',
        '-o',
        'ip.check_checksum:TRUE',
        '-T',
        'fields',
        '-E',
        'separator=|',
        '-e',
        'ip.checksum.status',
        '-e',
        'tcp.checksum.status',
        '-e',
        'udp.checksum.status',
        '-e',
        'frame.comment',
      ]);
      const rows = fields
        .trim()
        .split('\n')
        .map((row) => row.split('|'));
      // 1 = good, for every IP, TCP and UDP checksum there is.
      const statuses = new Set(rows.flatMap((row) => row.slice(0, 3)).filter((s) => s !== ''));
      expect([...statuses]).toEqual(['1']);
      const fate = peer.decision(0).drop ? 'dropped on purpose' : 'answered';
      expect(rows.map((row) => row[3]).filter(Boolean)).toContain(
        `lossy udp peer, seed 42; arrival 0: ${fate}`,
      );

      const { stdout: info } = await run('capinfos', [file]);
      expect(info.replace(/\s+/g, ' ')).toContain(SYNTHESISED.slice(0, 60));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
