// A test ran out of time: say what the student's code was waiting on. The kernel knows more than
// the code does (a connect still in SYN_SENT, bytes that arrived and were never read, a peer that
// closed long ago), and the transcripts say what happened on the wire so far.
import type { Endpoint, Transcript } from '../record/transcript.ts';
import { formatEndpoint, studentSide, whose } from '../show/roles.ts';
import { sinceStart } from '../show/times.ts';
import { verdictOf } from '../show/verdict.ts';
import type { SocketView } from './describe-sockets.ts';

export interface HangFacts {
  /** The sockets of the process that hung (describeSockets()); fixtures' own are recognised. */
  readonly sockets?: readonly SocketView[] | undefined;
  /** The transcripts of the test's fixtures. */
  readonly transcripts?: readonly Transcript[];
  /** Where the test expected the student's server to listen. */
  readonly expectedListen?: Endpoint;
  /** The addresses of the fixtures' own sockets (WireLog.claimed()): those are not the student's. */
  readonly fixtures?: readonly Endpoint[];
}

/**
 * What the student's code was waiting on when its test ran out of time: one line per finding,
 * each starting with "· " (or "✗ " for a transcript's verdict), most telling first: the listener,
 * then each socket, then what each transcript saw.
 *
 * @example
 * explainHang({ sockets: await describeSockets(), transcripts: wire.transcripts(),
 *   expectedListen: ['127.0.0.1', 41873] }).join('\n');
 * // · nothing listened on 127.0.0.1:41873, where the test expected your server
 * // · a connect from 127.0.0.1:50122 to 127.0.0.1:9 is still pending (SYN_SENT): ...
 */
export function explainHang(facts: HangFacts): string[] {
  const transcripts = facts.transcripts ?? [];
  const theirs = fixtureEndpoints(transcripts, facts.fixtures ?? []);
  const yours = (facts.sockets ?? []).filter((s) => !theirs.some((e) => sameEndpoint(e, s.local)));
  const lines: string[] = [];

  const expected = facts.expectedListen;
  if (expected !== undefined) {
    const listening = yours.filter((s) => s.state === 'LISTEN' && s.protocol === 'tcp');
    const match = listening.find((s) => covers(s.local, expected));
    if (match !== undefined) {
      lines.push(`your server listens on ${formatEndpoint(match.local)}, as the test expected`);
    } else {
      const instead =
        listening.length === 0
          ? ''
          : ` (your code listens on ${listening.map((s) => formatEndpoint(s.local)).join(', ')} instead)`;
      lines.push(
        `nothing listened on ${formatEndpoint(expected)}, where the test expected your server${instead}`,
      );
    }
  }
  for (const socket of yours) {
    const line = waitingOn(socket, expected);
    if (line !== undefined) lines.push(line);
  }
  if (facts.sockets !== undefined && yours.length === 0) {
    lines.push(
      'your code holds no socket: it waits on something else (a promise that never settles, a timer?)',
    );
  }
  const findings = lines.map((line) => `· ${line}`);
  const nothingListened = expected !== undefined && lines[0]?.startsWith('nothing listened');
  for (const transcript of transcripts) {
    const connected = transcript.events.some((e) => e.kind === 'connect');
    if (connected) findings.push(`· ${wireSummary(transcript)}`);
    const verdict = verdictOf(transcript);
    // A refused connect to the address already reported as not listening says nothing new.
    const repeats =
      !connected &&
      nothingListened &&
      expected !== undefined &&
      covers(expected, transcript.server);
    if (verdict !== undefined && !repeats) findings.push(verdict);
  }
  return findings;
}

/** What one of the student's sockets is waiting for, if anything. */
function waitingOn(socket: SocketView, expected: Endpoint | undefined): string | undefined {
  const local = formatEndpoint(socket.local);
  const remote = socket.remote === undefined ? '' : formatEndpoint(socket.remote);
  const unread = socket.rxQueue > 0 ? `${socket.rxQueue} B arrived and were never read` : '';
  if (socket.protocol === 'udp') {
    const where = socket.remote === undefined ? `on ${local}` : `${local} → ${remote}`;
    return `a UDP socket ${where} waits for datagrams${unread === '' ? ': none has arrived' : `: ${unread}`}`;
  }
  switch (socket.state) {
    case 'LISTEN':
      // The first line already named every listener when the test said where to expect one.
      return expected === undefined ? `your code listens on ${local}` : undefined;
    case 'SYN_SENT':
      return `a connect from ${local} to ${remote} is still pending (SYN_SENT): nothing answered, and no timeout of yours gave up on it`;
    case 'ESTABLISHED':
      if (unread !== '')
        return `${local} ← ${remote}: ${unread}; is your code reading this socket?`;
      return `${local} → ${remote} is open with nothing to read${socket.txQueue > 0 ? ` and ${socket.txQueue} B sent but not yet acknowledged (the peer is not reading)` : ''}: a read there waits until the peer sends more or closes`;
    case 'CLOSE_WAIT':
      return `${local} → ${remote} is in CLOSE_WAIT: the peer closed and you never did${unread === '' ? '' : ` (and ${unread})`}; did your code miss the end of file?`;
    case 'FIN_WAIT1':
    case 'FIN_WAIT2':
      return `${local} → ${remote}: you closed your side (FIN) and wait for the peer to close theirs (${socket.state})`;
    default:
      return `${local}${remote === '' ? '' : ` → ${remote}`} is in ${socket.state}`;
  }
}

/** One line on what a transcript saw: bytes each way, and who closed. */
function wireSummary(transcript: Transcript): string {
  const student = studentSide(transcript);
  const fixture = transcript.fixture;
  const address = fixture === 'server' ? transcript.server : transcript.client;
  const them = `${whose(transcript, fixture)}${address === undefined ? '' : ` ${formatEndpoint(address)}`}`;
  const via = transcript.protocol === 'udp' ? ' in datagrams' : '';
  const parts = [
    `${whose(transcript, student)} sent ${transcript.totals[student]} B${via} and got ${transcript.totals[fixture]} B`,
  ];
  if (transcript.protocol === 'tcp') {
    const closes = transcript.events.flatMap((e) =>
      e.kind === 'fin' || e.kind === 'rst'
        ? [
            `${whose(transcript, e.from)} ${e.kind === 'fin' ? 'closed' : 'reset'} at ${sinceStart(transcript, e.at)}`,
          ]
        : [],
    );
    parts.push(closes.length === 0 ? 'nobody closed' : closes.join(', '));
  }
  return `on the wire with ${them}: ${parts.join('; ')}`;
}

/** Every local address the fixtures' sockets use: listeners, accepted connections, recording clients. */
function fixtureEndpoints(
  transcripts: readonly Transcript[],
  fixtures: readonly Endpoint[],
): Endpoint[] {
  const endpoints = [...fixtures];
  for (const t of transcripts) {
    if (t.fixture === 'server') endpoints.push(t.server);
    else if (t.client !== undefined) endpoints.push(t.client);
  }
  return endpoints;
}

function sameEndpoint(a: Endpoint, b: Endpoint): boolean {
  return a[1] === b[1] && a[0] === b[0];
}

/** Whether a listener on `local` accepts connections to `wanted` (same port; same or wildcard host). */
function covers(local: Endpoint, wanted: Endpoint): boolean {
  return (
    local[1] === wanted[1] &&
    (local[0] === wanted[0] || local[0] === '0.0.0.0' || local[0] === '::')
  );
}
