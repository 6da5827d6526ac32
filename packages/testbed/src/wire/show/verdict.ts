// The one-line diagnosis of how a connection ended, derived from its transcript alone. Only
// endings that have one clear cause get a verdict; anything else gets none, because a wrong
// diagnosis teaches worse than no diagnosis.
import type { EndState, Transcript, WireEvent } from '../record/transcript.ts';
import { formatEndpoint, studentSide, whose } from './roles.ts';
import { sinceStart } from './times.ts';

type EventOf<K extends WireEvent['kind']> = Extract<WireEvent, { kind: K }>;

/**
 * The verdict on a transcript, starting with ✗, or undefined when there is nothing to blame on
 * the student's side. Only events before the test's teardown count; a teardown means "the test
 * ended", which is when "never closed" becomes true.
 *
 * @example
 * verdictOf(transcript);
 * // '✗ your client never closed: the test's http target closed its side (FIN) at +1.2 ms, and
 * //  your socket was still in CLOSE_WAIT (the peer closed and you never did)'
 */
export function verdictOf(transcript: Transcript): string | undefined {
  const teardownAt = transcript.events.findIndex((e) => e.kind === 'teardown');
  const events = teardownAt === -1 ? transcript.events : transcript.events.slice(0, teardownAt);
  const ended = teardownAt !== -1;
  const find = <K extends WireEvent['kind']>(
    kind: K,
    where: (e: EventOf<K>) => boolean = () => true,
  ) => events.find((e): e is EventOf<K> => e.kind === kind && where(e as EventOf<K>));
  const lastQueues = events.filter((e): e is EventOf<'queues'> => e.kind === 'queues').at(-1);

  const student = studentSide(transcript);
  const fixture = transcript.fixture;
  const you = whose(transcript, student);
  const them = whose(transcript, fixture);
  const server = formatEndpoint(transcript.server);
  const sentToYou = transcript.totals[fixture];
  const sentByYou = transcript.totals[student];
  const yourEnd: EndState | undefined = lastQueues?.[student];

  // 1. The connection never came to be.
  const refused = find('refused');
  if (refused !== undefined) {
    return refused.code === 'ECONNREFUSED'
      ? `✗ nothing listened on ${server}: the connect was refused (ECONNREFUSED)`
      : `✗ the connect to ${server} failed with ${refused.code}`;
  }
  const connected = find('connect') !== undefined;
  const timeout = find('timeout');
  if (!connected && timeout !== undefined && transcript.protocol === 'tcp') {
    return `✗ nothing accepted the connection on ${server} within ${timeout.waitedMs} ms (a listener whose accept queue is full, or a firewall, drops the SYN)`;
  }

  // 2. A reset. One the fixture made on purpose is not the student's doing. How many bytes the
  // student's side left unread cannot be known from here: its socket is gone, the RST says nothing.
  const reset = find('rst');
  if (reset !== undefined && reset.from === student) {
    return `✗ ${you} closed with unread bytes (it reset the connection after ${them} had sent ${sentToYou} B): the kernel answers RST when a socket closes with data still unread`;
  }
  if (reset !== undefined) return undefined;

  // 3. Bytes left in the student's kernel receive queue. Node reads eagerly (up to its
  // high-water mark) whether or not the program consumes, so bytes stay there only once the
  // program stopped reading, or never started (a socket paused on connect, a blocked loop).
  if (yourEnd !== undefined && yourEnd.rxQueue > 0) {
    const when = ended ? ' when the test ended' : '';
    if (student === 'server' && sentByYou === 0 && yourEnd.rxQueue >= sentToYou) {
      return `✗ ${you} never read the request: all ${sentToYou} B were still in its receive queue${when}`;
    }
    const closeWait =
      yourEnd.state === 'CLOSE_WAIT'
        ? `; ${them} had closed (FIN), but ${you} never read up to the end of file`
        : '';
    return `✗ ${you} stopped reading: ${yourEnd.rxQueue} B ${them} sent were still in its receive queue${when}${closeWait}`;
  }

  // 4. The fixture waited for the student's side and gave up.
  const finByYou = find('fin', (e) => e.from === student);
  const finByThem = find('fin', (e) => e.from === fixture);
  if (timeout !== undefined) {
    if (finByThem !== undefined && finByYou === undefined && yourEnd?.state === 'CLOSE_WAIT') {
      return closeWaitVerdict(transcript, you, them, finByThem.at, 'was still');
    }
    if (sentByYou === 0 && student === 'server' && yourEnd !== undefined) {
      return `✗ ${you} never answered: it took the request (${sentToYou} B) from its receive queue, and ${them} waited ${timeout.waitedMs} ms`;
    }
    if (sentByYou === 0) {
      return `✗ ${you} never answered: ${them} sent ${sentToYou} B and waited ${timeout.waitedMs} ms for ${timeout.waitingFor}`;
    }
    return `✗ ${you} sent ${sentByYou} B, then went quiet: ${them} waited ${timeout.waitedMs} ms for ${timeout.waitingFor}`;
  }

  // 5. The fixture closed its side and the student's never followed. With a probe, the kernel
  // says so (CLOSE_WAIT); without one, the test's end is the proof. A probe that shows the
  // student's end in any other state means its FIN was on its way: no verdict.
  if (finByThem !== undefined && finByYou === undefined) {
    if (yourEnd?.state === 'CLOSE_WAIT') {
      return closeWaitVerdict(transcript, you, them, finByThem.at, ended ? 'was still' : 'is');
    }
    if (ended && lastQueues === undefined) {
      return closeWaitVerdict(transcript, you, them, finByThem.at, 'was left');
    }
  }
  return undefined;
}

function closeWaitVerdict(
  transcript: Transcript,
  you: string,
  them: string,
  finAt: number,
  still: string,
): string {
  return `✗ ${you} never closed: ${them} closed its side (FIN) at ${sinceStart(transcript, finAt)}, and your socket ${still} in CLOSE_WAIT (the peer closed and you never did)`;
}
