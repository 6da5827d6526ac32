// The kernel's view of a live connection, which no socket API gives: how many bytes each end has
// not read yet, and whether one end sits in CLOSE_WAIT. Both ends of a loopback connection are in
// this machine's network namespace, so /proc/net/tcp{,6} lists them both, whichever process holds
// them. Linux only: elsewhere there is nothing to read and no probe is recorded.
import type { ProcNetEntry } from '@netprog/proc-net';
import { readProcNet, unreadData } from '../explain/read-proc-net.ts';
import type { Endpoint, EndState } from './transcript.ts';
import type { ConnectionRecord, WireLog } from './wire-log.ts';

/**
 * Finds both ends of the TCP connection between `client` and `server` in /proc/net entries.
 * IPv4-mapped addresses (`::ffff:127.0.0.1`, a dual-stack socket's view of an IPv4 peer) are
 * compared as the IPv4 address they carry.
 *
 * @example
 * findEnds(entries, ['127.0.0.1', 50122], ['127.0.0.1', 41873]);
 * // { client: { state: 'CLOSE_WAIT', txQueue: 0, rxQueue: 0 }, server: { state: 'FIN_WAIT2', ... } }
 */
export function findEnds(
  entries: readonly ProcNetEntry[],
  client: Endpoint,
  server: Endpoint,
  stripIpv4Mapped: (host: string) => string = (host) => host,
): { client: EndState | undefined; server: EndState | undefined } {
  const same = (a: readonly [string, number], b: Endpoint): boolean =>
    a[1] === b[1] && stripIpv4Mapped(a[0]) === stripIpv4Mapped(b[0]);
  const end = (local: Endpoint, remote: Endpoint): EndState | undefined => {
    const entry = entries.find(
      (e) =>
        (e.proto === 'tcp' || e.proto === 'tcp6') && same(e.local, local) && same(e.remote, remote),
    );
    if (entry === undefined) return undefined;
    const rxQueue = unreadData(entry.state, entry.rxQueue);
    return { state: entry.state, txQueue: entry.txQueue, rxQueue };
  };
  return { client: end(client, server), server: end(server, client) };
}

/**
 * Records a `queues` event in every live TCP record whose client is known, from one reading of
 * /proc/net/tcp and tcp6. Resolves without recording anything where /proc cannot be read.
 */
export async function probeQueues(records: readonly ConnectionRecord[]): Promise<void> {
  const wanted = records.filter((r) => r.protocol === 'tcp' && r.live && r.client !== undefined);
  if (wanted.length === 0) return;
  const ports = [...new Set(wanted.map((record) => record.server[1]))];
  // Connections between IPv4 addresses are all in /proc/net/tcp: read tcp6 only when needed.
  const v6 = wanted.some((r) => r.server[0].includes(':') || (r.client?.[0] ?? '').includes(':'));
  const table = await readProcNet('self', v6 ? ['tcp', 'tcp6'] : ['tcp'], ports);
  if (table === undefined) return;
  for (const record of wanted) {
    if (record.client === undefined) continue;
    const ends = findEnds(table.entries, record.client, record.server, table.stripIpv4Mapped);
    record.queues(ends.client, ends.server);
  }
}

/**
 * Records the kernel's view of every connection of `wire` that is still open: call it before
 * showing transcripts of a test that failed while its connections were open (the fixtures also
 * do it themselves when they close).
 *
 * @example
 * await probeWire(target.wire);
 * console.log(formatTranscript(target.wire.transcripts()[0]!));
 */
export async function probeWire(wire: WireLog): Promise<void> {
  await probeQueues(wire.liveRecords());
}

/**
 * The test is over for these records: take one /proc snapshot of those still open (when `probe`),
 * then mark each torn down, so what the fixture does while closing is not blamed on the student.
 * Fixtures call it in close(), before they destroy their sockets.
 */
export async function markTestEnd(
  records: readonly ConnectionRecord[],
  probe: boolean,
): Promise<void> {
  // One turn of the event loop first: bytes and FINs that have already arrived get recorded
  // before the line is drawn (a test often closes its fixture the moment its client is done).
  await new Promise((resolve) => setImmediate(resolve));
  if (probe) await probeQueues(records);
  for (const record of records) record.teardown();
}
