// A transcript as a student reads it in a failing test's output:
//
//   wire (your client 127.0.0.1:50122 ⇄ the test's http target 127.0.0.1:41873):
//     +0.0 ms  → connect
//     +0.4 ms  → 37 B  "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
//     +1.1 ms  ← 62 B  "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello"
//     +1.2 ms  ← FIN
//              ✗ your client never closed: ...
//
// → is the client sending, ← the server, · a remark. Pure: a transcript in, a string out.
import type { Side, Transcript, WireEvent } from '../record/transcript.ts';
import { quoteBytes } from './escape-bytes.ts';
import { formatEndpoint, whose } from './roles.ts';
import { sinceStart } from './times.ts';
import { verdictOf } from './verdict.ts';

export interface FormatTranscriptOptions {
  /** The longest line, in characters (default 100). */
  readonly width?: number;
  /** The most bytes shown of one read or write (default 120; the line's width may cut sooner). */
  readonly maxBytes?: number;
  /** The most events shown; from a longer transcript the first and the last are (default 40). */
  readonly maxEvents?: number;
  /** End with the verdict line, when there is one (default true). */
  readonly verdict?: boolean;
}

const ARROW: Readonly<Record<Side, string>> = { client: '→', server: '←' };
/** Events kept from the end of a transcript that is too long to show whole. */
const TAIL_EVENTS = 10;

/**
 * Formats a transcript: a header naming both ends, one line per event, then the verdict.
 *
 * @example
 * console.log(formatTranscript(echo.wire.transcripts()[0]!, { width: 80 }));
 */
export function formatTranscript(
  transcript: Transcript,
  options: FormatTranscriptOptions = {},
): string {
  const { width = 100, maxBytes = 120, maxEvents = 40, verdict = true } = options;
  const events = transcript.events;
  const shown: (WireEvent | number)[] =
    events.length <= maxEvents
      ? [...events]
      : [
          ...events.slice(0, Math.max(0, maxEvents - TAIL_EVENTS)),
          events.length - maxEvents,
          ...events.slice(-TAIL_EVENTS),
        ];
  const times = shown.map((e) => (typeof e === 'number' ? '' : sinceStart(transcript, e.at)));
  const timeWidth = Math.max(0, ...times.map((t) => t.length));
  // Every line: two spaces, the time right-aligned, two spaces, the event.
  const bodyColumn = 2 + timeWidth + 2;
  const room = Math.max(20, width - bodyColumn);

  const lines = header(transcript, width);
  shown.forEach((event, i) => {
    const body =
      typeof event === 'number'
        ? `· … ${event} more events not shown …`
        : describeEvent(transcript, event, room, maxBytes);
    const [first = '', ...rest] = wrap(body, room);
    lines.push(`  ${(times[i] ?? '').padStart(timeWidth)}  ${first}`);
    for (const line of rest) lines.push(`${' '.repeat(bodyColumn + 2)}${line}`);
  });
  const finding = verdict ? verdictOf(transcript) : undefined;
  if (finding !== undefined) {
    const [first = '', ...rest] = wrap(finding, room);
    lines.push(`${' '.repeat(bodyColumn)}${first}`);
    for (const line of rest) lines.push(`${' '.repeat(bodyColumn + 2)}${line}`);
  }
  return lines.join('\n');
}

/**
 * `wire (your client 127.0.0.1:50122 ⇄ the test's echo 127.0.0.1:41873, seed 7):`, on two lines
 * (broken after ⇄) when it is wider than `width`.
 */
function header(transcript: Transcript, width: number): string[] {
  const seed = transcript.seed === undefined ? '' : `, seed ${transcript.seed}`;
  const server = `${whose(transcript, 'server')} ${formatEndpoint(transcript.server)}`;
  if (transcript.protocol === 'udp') return [`wire (udp, ${server}${seed}):`];
  const client =
    transcript.client === undefined
      ? whose(transcript, 'client')
      : `${whose(transcript, 'client')} ${formatEndpoint(transcript.client)}`;
  const line = `wire (${client} ⇄ ${server}${seed}):`;
  return line.length <= width ? [line] : [`wire (${client} ⇄`, `      ${server}${seed}):`];
}

/** One event's line, without the time, fitted to `room` characters where it holds bytes. */
function describeEvent(
  transcript: Transcript,
  event: WireEvent,
  room: number,
  maxBytes: number,
): string {
  switch (event.kind) {
    case 'connect':
      return '→ connect';
    case 'refused':
      return `→ connect: refused (${event.code})`;
    case 'data': {
      const lead = `${ARROW[event.from]} ${event.size} B  `;
      return lead + showBytes(event.bytes, event.size, room - lead.length, maxBytes);
    }
    case 'fin':
      return `${ARROW[event.from]} FIN`;
    case 'rst':
      return `${ARROW[event.from]} RST (seen as ${event.seenAs})`;
    case 'timeout':
      return `· ${whose(transcript, transcript.fixture)} gave up after ${event.waitedMs} ms waiting for ${event.waitingFor}`;
    case 'queues': {
      const end = (side: Side): string => {
        const state = event[side];
        const who = whose(transcript, side);
        if (state === undefined) return `${who} closed`;
        // Unread bytes are what explain a hang; the send queue is in the data for who wants it.
        return `${who} ${state.state}${state.rxQueue > 0 ? `, ${state.rxQueue} B unread` : ''}`;
      };
      return `· kernel: ${end('client')}; ${end('server')}`;
    }
    case 'datagram': {
      const peer =
        event.from === 'client'
          ? `from ${formatEndpoint(event.source)}`
          : `to ${formatEndpoint(event.destination)}`;
      const fate = event.fate === undefined ? '' : `  (${event.fate})`;
      const lead = `${ARROW[event.from]} ${event.size} B ${peer}  `;
      const shown =
        event.meaning ??
        showBytes(event.bytes, event.size, room - lead.length - fate.length, maxBytes);
      return lead + shown + fate;
    }
    case 'note':
      return `· ${event.text}`;
    case 'gap':
      return `· … ${event.events} more reads and writes not kept (→ ${event.clientBytes} B, ← ${event.serverBytes} B)`;
    case 'teardown':
      return '· the test ended: the fixture closed what was still open';
  }
}

/** The kept bytes quoted in `room` characters, saying how many were not kept. */
function showBytes(bytes: Uint8Array, size: number, room: number, maxBytes: number): string {
  const notKept = size - bytes.length;
  const note = notKept > 0 ? ` (+${notKept} B not kept)` : '';
  if (bytes.length === 0) return `(bytes not kept: past the transcript's cap)`;
  const { text } = quoteBytes(bytes.subarray(0, maxBytes), Math.max(8, room - note.length));
  const cut = bytes.length > maxBytes && !text.endsWith('…') ? '…' : '';
  return text + cut + note;
}

/** Units that stay on the line of their number: "300 ms", "37 B". */
const UNIT = /^(ms|B|KiB|MiB)\b/;

/** Splits `text` at spaces into lines of at most `width` characters (a longer word stays whole). */
function wrap(text: string, width: number): string[] {
  if (text.length <= width) return [text];
  const words: string[] = [];
  for (const word of text.split(' ')) {
    if (UNIT.test(word) && words.length > 0) words[words.length - 1] += ` ${word}`;
    else words.push(word);
  }
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  lines.push(line);
  return lines;
}
