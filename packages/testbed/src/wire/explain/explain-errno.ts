// Common socket errors, explained from what the test's side of the connection saw. The error's
// code says what the kernel reported; the transcript often says why.
import type { Endpoint, Transcript } from '../record/transcript.ts';
import { formatEndpoint, studentSide, whose } from '../show/roles.ts';
import { sinceStart } from '../show/times.ts';
import type { SocketView } from './describe-sockets.ts';

/** What else is known about the failure, besides its code and the transcript. */
export interface ErrnoContext {
  /** The address the failing call was about (where it connected or listened). */
  readonly address?: Endpoint;
  /** How long the failing call had run when it failed. */
  readonly elapsedMs?: number;
  /** The timeout the student's code set for that call, if any. */
  readonly timeoutMs?: number;
  /** The process's sockets (describeSockets()), to name who holds a port. */
  readonly sockets?: readonly SocketView[];
}

/** Linux gives up on an unanswered connect after its SYN retries: about 127 s (tcp_syn_retries = 6). */
const KERNEL_CONNECT_TIMEOUT_MS = 127_000;

/**
 * Why the student's code got error `code`, in a sentence or two, using the connection's
 * transcript where there is one; undefined for a code it knows nothing about.
 *
 * @example
 * explainErrno('ECONNREFUSED', undefined, { address: ['127.0.0.1', 41873] });
 * // 'ECONNREFUSED: nothing listened on 127.0.0.1:41873, so the kernel answered the SYN with RST'
 */
export function explainErrno(
  code: string,
  transcript?: Transcript,
  context: ErrnoContext = {},
): string | undefined {
  const address = context.address ?? transcript?.server;
  const where = address === undefined ? '' : ` on ${formatEndpoint(address)}`;
  switch (code) {
    case 'ECONNRESET':
      return `ECONNRESET: ${resetCause(transcript)}`;
    case 'ECONNREFUSED': {
      const onPurpose =
        transcript?.label === 'closed port'
          ? ' (on purpose: the test checks that your code reports it)'
          : '';
      return `ECONNREFUSED: nothing listened${where}, so the kernel answered the SYN with RST${onPurpose}`;
    }
    case 'EPIPE': {
      const closed = transcript === undefined ? undefined : peerClosed(transcript);
      return `EPIPE: your code wrote after the connection was gone${closed === undefined ? '' : ` (${closed})`}; the kernel fails a write on a connection the peer has reset or fully closed, so stop writing once you see 'end', 'close' or an error`;
    }
    case 'ETIMEDOUT':
      return `ETIMEDOUT: ${timeoutCause(transcript, context)}`;
    case 'EADDRINUSE': {
      // A listener, or any UDP socket, on the same port holds it.
      const holder =
        address === undefined
          ? undefined
          : context.sockets?.find(
              (s) => s.local[1] === address[1] && (s.state === 'LISTEN' || s.protocol === 'udp'),
            );
      const who =
        holder === undefined
          ? 'another socket already has it: a server an earlier test left listening, or another program'
          : `this process still has a ${holder.protocol.toUpperCase()} socket on ${formatEndpoint(holder.local)}${holder.fd === undefined ? '' : ` (fd ${holder.fd})`}: close it before listening again`;
      return `EADDRINUSE${where}: ${who}. Listen on port 0 and read the port the kernel chose`;
    }
    default:
      return undefined;
  }
}

/** Why the connection was reset, from the transcript. */
function resetCause(transcript: Transcript | undefined): string {
  const generic =
    'the peer reset the connection (RST), so the next read or write failed; a peer resets when it closes with data still unread, or aborts';
  if (transcript === undefined) return generic;
  const rst = transcript.events.find((e) => e.kind === 'rst');
  const fixture = whose(transcript, transcript.fixture);
  if (rst?.kind === 'rst' && rst.from === transcript.fixture) {
    return `${fixture} reset the connection at ${sinceStart(transcript, rst.at)} (${rst.seenAs}); your code must expect a read or write to fail then`;
  }
  // Bytes sent after the fixture closed reach a socket that is gone: its kernel answers with RST.
  const student = studentSide(transcript);
  const fin = transcript.events.find((e) => e.kind === 'fin' && e.from === transcript.fixture);
  if (fin !== undefined) {
    const late = transcript.events
      .filter((e) => e.kind === 'data' && e.from === student && e.at > fin.at)
      .reduce((sum, e) => sum + (e.kind === 'data' ? e.size : 0), 0);
    if (late > 0) {
      return `${whose(transcript, student)} sent ${late} B after ${fixture} had closed (FIN at ${sinceStart(transcript, fin.at)}): those bytes stay unread, and the kernel answers RST when a socket closes with data still unread`;
    }
  }
  return generic;
}

/** Whether the code's own timer or the kernel gave up. */
function timeoutCause(transcript: Transcript | undefined, context: ErrnoContext): string {
  const blackhole =
    transcript?.label === 'blackhole' ? " The test's blackhole drops every SYN on purpose." : '';
  const { elapsedMs, timeoutMs } = context;
  if (elapsedMs !== undefined && elapsedMs < KERNEL_CONNECT_TIMEOUT_MS / 2) {
    const yours = timeoutMs === undefined ? '' : ` (you set ${timeoutMs} ms)`;
    return `your code's own timeout fired after ${Math.round(elapsedMs)} ms${yours}: the peer did not answer in time. The kernel's own ETIMEDOUT comes only after minutes of retries (about ${KERNEL_CONNECT_TIMEOUT_MS / 1_000} s for a connect).${blackhole}`;
  }
  if (elapsedMs !== undefined) {
    return `the kernel gave up after ${Math.round(elapsedMs / 1_000)} s of retries: nothing answered (a connect's SYNs, or data never acknowledged). Set your own, shorter timeout.${blackhole}`;
  }
  return `a timeout fired: your code's own (socket-core's SocketTimeoutError says "timed out"), or the kernel's after minutes of unanswered retries.${blackhole}`;
}

/** "the test's http target closed at +1.2 ms" / "... reset it at ...", when the transcript shows it. */
function peerClosed(transcript: Transcript): string | undefined {
  const fixture = whose(transcript, transcript.fixture);
  for (const event of transcript.events) {
    if (event.kind === 'rst' && event.from === transcript.fixture) {
      return `${fixture} reset it at ${sinceStart(transcript, event.at)}`;
    }
    if (event.kind === 'fin' && event.from === transcript.fixture) {
      return `${fixture} closed its side at ${sinceStart(transcript, event.at)}`;
    }
  }
  return undefined;
}
