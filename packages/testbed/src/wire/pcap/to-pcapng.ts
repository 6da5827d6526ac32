// Transcripts → a pcapng file Wireshark opens (`wireshark wire.pcapng`, or
// `tshark -r wire.pcapng -q -z follow,tcp,ascii,0`). The packets are synthesised from what the
// sockets saw, not captured: the file's own comment says so. From each TCP transcript come a
// handshake, the data as segments with consistent sequence and acknowledgement numbers, FIN and
// RST; from each UDP transcript one packet per datagram. Remarks (timeouts, kernel probes, a
// lossy peer's decisions) become packet comments.
import type { Endpoint, Side, Transcript, WireEvent } from '../record/transcript.ts';
import { type Packet, TCP, type TcpSegment, tcpPacket, udpPacket } from './packets.ts';
import { type PcapngPacket, pcapng } from './pcapng.ts';

/** The comment every file carries. */
export const SYNTHESISED =
  "Synthesised by @netprog/testbed from what the test's sockets saw (connects, bytes, FIN, RST, " +
  'datagrams), not captured from the network: sequence numbers, acknowledgements, windows and ' +
  'checksums are made up to be consistent, and nothing was lost or retransmitted unless a ' +
  'comment says so.';

/** The largest TCP payload per synthesised segment (loopback's MSS is about 64 KiB; this reads better). */
export const SEGMENT_BYTES = 16_384;

/** Initial sequence numbers: any will do, fixed so the same transcripts give the same file. */
const ISN: Readonly<Record<Side, number>> = { client: 1_000, server: 5_000 };

/**
 * A pcapng file of the transcripts, packets in time order. Transcripts with no traffic (a closed
 * port's note) are listed in the file's comment instead.
 *
 * @example
 * writeFileSync('wire.pcapng', toPcapng(echo.wire.transcripts()));
 */
export function toPcapng(transcripts: readonly Transcript[]): Buffer {
  const packets: (PcapngPacket & { order: number })[] = [];
  const quiet: string[] = [];
  for (const transcript of transcripts) {
    const made = transcript.protocol === 'tcp' ? tcpPackets(transcript) : udpPackets(transcript);
    if (made.length === 0) {
      const notes = transcript.events.flatMap((e) => (e.kind === 'note' ? [e.text] : []));
      quiet.push(
        `${transcript.label} ${transcript.server.join(':')}: no traffic${notes.length > 0 ? ` (${notes.join('; ')})` : ''}`,
      );
    }
    for (const packet of made) packets.push({ ...packet, order: packets.length });
  }
  // Time order across transcripts; the order of making breaks ties (a handshake's three packets).
  packets.sort((a, b) => a.timestampUs - b.timestampUs || a.order - b.order);
  const comment = quiet.length === 0 ? SYNTHESISED : `${SYNTHESISED} ${quiet.join('. ')}.`;
  return pcapng({
    comment,
    application: '@netprog/testbed (wire transcripts)',
    interfaceName: 'loopback, synthesised from socket transcripts',
    packets: packets.map(({ order: _order, ...packet }) => packet),
  });
}

/** A segment's payload: the bytes kept, and how many there really were. */
type Payload = Pick<TcpSegment, 'payload' | 'payloadLength'>;

/** Puts one packet down: when, from which side, with which flags, payload and sequence number. */
type Emit = (at: number, from: Side, flags: number, payload?: Payload, seq?: number) => void;

/**
 * Packet timestamps for one transcript: the event's time in µs since the epoch, at least 1 µs
 * after the previous packet's, so that packets made from one event (a handshake) keep their order.
 */
function clock(transcript: Transcript): (at: number) => number {
  let last = Number.NEGATIVE_INFINITY;
  return (at) => {
    last = Math.max((transcript.epochStart + (at - transcript.start)) * 1_000, last + 1);
    return last;
  };
}

function tcpPackets(transcript: Transcript): PcapngPacket[] {
  const packets: PcapngPacket[] = [];
  // A refused connect never learns its own port: the client shows as port 0.
  const client: Endpoint = transcript.client ?? [transcript.server[0], 0];
  const ends: Record<Side, Endpoint> = { client, server: transcript.server };
  // The next sequence number each side will use: its ISN + 1 (the SYN) + bytes sent (+ 1 after FIN).
  const next: Record<Side, number> = { client: ISN.client + 1, server: ISN.server + 1 };
  let pending: string[] = [];
  let id = 0;
  const stamp = clock(transcript);

  const emit: Emit = (at, from, flags, payload, seq = next[from]) => {
    const to: Side = from === 'client' ? 'server' : 'client';
    const made: Packet = tcpPacket({
      from: ends[from],
      to: ends[to],
      seq,
      ack: flags & TCP.ACK ? next[to] : 0,
      flags,
      id: ++id,
      ...payload,
    });
    const comment = pending.length === 0 ? undefined : pending.join('; ');
    pending = [];
    packets.push({
      timestampUs: stamp(at),
      ...made,
      ...(comment === undefined ? {} : { comment }),
    });
  };

  for (const event of transcript.events) {
    switch (event.kind) {
      case 'connect':
        emit(event.at, 'client', TCP.SYN, undefined, ISN.client);
        emit(event.at, 'server', TCP.SYN | TCP.ACK, undefined, ISN.server);
        emit(event.at, 'client', TCP.ACK);
        break;
      case 'refused':
        pending.push(`connect refused (${event.code}); the client's own port is unknown`);
        emit(event.at, 'client', TCP.SYN, undefined, ISN.client);
        next.client = ISN.client + 1;
        emit(event.at, 'server', TCP.RST | TCP.ACK, undefined, 0);
        break;
      case 'data':
        emitData(event, emit, next);
        break;
      case 'fin': {
        emit(event.at, event.from, TCP.FIN | TCP.ACK);
        next[event.from]++;
        emit(event.at, event.from === 'client' ? 'server' : 'client', TCP.ACK);
        break;
      }
      case 'rst':
        pending.push(`RST seen as ${event.seenAs}`);
        emit(event.at, event.from, TCP.RST | TCP.ACK);
        break;
      case 'gap':
        pending.push(
          `${event.events} reads and writes not kept here (${event.clientBytes} B from the client, ${event.serverBytes} B from the server)`,
        );
        next.client += event.clientBytes;
        next.server += event.serverBytes;
        break;
      default:
        pending.push(remark(event));
    }
  }
  const last = packets.at(-1);
  if (pending.length > 0 && last !== undefined) {
    packets[packets.length - 1] = {
      ...last,
      comment: [last.comment, ...pending].filter(Boolean).join('; '),
    };
  }
  return packets;
}

/** One data event as segments of at most SEGMENT_BYTES, PSH on the last. */
function emitData(
  event: Extract<WireEvent, { kind: 'data' }>,
  emit: Emit,
  next: Record<Side, number>,
): void {
  const first = next[event.from];
  for (let start = 0; start < event.size; start += SEGMENT_BYTES) {
    const end = Math.min(event.size, start + SEGMENT_BYTES);
    const payload = event.bytes.subarray(
      Math.min(start, event.bytes.length),
      Math.min(end, event.bytes.length),
    );
    const flags = TCP.ACK | (end === event.size ? TCP.PSH : 0);
    next[event.from] = first + end;
    emit(event.at, event.from, flags, { payload, payloadLength: end - start }, first + start);
  }
}

function udpPackets(transcript: Transcript): PcapngPacket[] {
  const packets: PcapngPacket[] = [];
  const stamp = clock(transcript);
  // The first packet says whose datagrams these are, and the seed that replays the fates.
  const seed = transcript.seed === undefined ? '' : `, seed ${transcript.seed}`;
  let pending: string[] = [`${transcript.label}${seed}`];
  for (const event of transcript.events) {
    if (event.kind !== 'datagram') {
      pending.push(remark(event));
      continue;
    }
    const made = udpPacket({
      from: event.source,
      to: event.destination,
      payload: event.bytes,
      payloadLength: event.size,
      id: packets.length + 1,
    });
    const notes = [...pending, event.meaning, event.fate].filter(
      (note): note is string => note !== undefined,
    );
    pending = [];
    packets.push({
      timestampUs: stamp(event.at),
      ...made,
      ...(notes.length === 0 ? {} : { comment: notes.join('; ') }),
    });
  }
  return packets;
}

/** A remark for an event that is no packet. */
function remark(event: WireEvent): string {
  switch (event.kind) {
    case 'timeout':
      return `the test's side gave up after ${event.waitedMs} ms waiting for ${event.waitingFor}`;
    case 'queues': {
      const end = (name: string, state: typeof event.client) =>
        state === undefined
          ? `${name} closed`
          : `${name} ${state.state} (${state.rxQueue} B unread, ${state.txQueue} B unacknowledged)`;
      return `kernel: ${end('client', event.client)}, ${end('server', event.server)}`;
    }
    case 'note':
      return event.text;
    case 'teardown':
      return 'the test ended here; the fixture closed what was still open';
    default:
      return event.kind;
  }
}
