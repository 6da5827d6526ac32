// Reading the kernel's socket tables for the explainers and the fixtures' probes: a thin shell
// over @netprog/proc-net (the only place in the repository that knows the /proc/net format). It
// is imported on first use, not at load time: a test file that only records transcripts should not pay for loading it.
import { readFileSync } from 'node:fs';
import { endianness } from 'node:os';
import type { NetstatProto, ProcNetEntry } from '@netprog/proc-net';

/** States in which the socket has received the peer's FIN. */
const FIN_RECEIVED = new Set(['CLOSE_WAIT', 'LAST_ACK', 'CLOSING', 'TIME_WAIT']);

/**
 * The bytes of data a socket has received and its program not read. The kernel's receive queue
 * (`rcv_nxt - copied_seq`) also counts the peer's FIN as one, until the program reads the end of
 * file: after a FIN, one of the queue's "bytes" is no data.
 *
 * @example
 * unreadData('CLOSE_WAIT', 28) // 27
 * unreadData('ESTABLISHED', 28) // 28
 */
export function unreadData(state: string, rxQueue: number): number {
  return FIN_RECEIVED.has(state) && rxQueue > 0 ? rxQueue - 1 : rxQueue;
}

/** The parsed tables, with socket-core's rule for comparing IPv4-mapped addresses. */
export interface ProcNetTables {
  readonly entries: readonly ProcNetEntry[];
  readonly stripIpv4Mapped: (host: string) => string;
}

/**
 * Reads /proc/<pid>/net/<proto> for each protocol (the tables of that process's network
 * namespace: every socket in it, not only the process's own). With `ports`, only lines that
 * mention one of them are parsed: a probe of one connection need not parse a busy machine's
 * hundreds of sockets. Resolves undefined where there is no such table to read (not Linux,
 * /proc not mounted, the process has gone).
 *
 * The reads are synchronous on purpose: procfs is generated in memory and a read takes about a
 * millisecond, while an asynchronous read waits for a free libuv thread, tens of milliseconds on
 * a busy machine.
 *
 * @example
 * const tables = await readProcNet('self', ['tcp', 'tcp6']);
 * tables?.entries.filter((e) => e.state === 'LISTEN');
 */
export async function readProcNet(
  pid: number | 'self',
  protocols: readonly NetstatProto[],
  ports?: readonly number[],
): Promise<ProcNetTables | undefined> {
  if (process.platform !== 'linux') return undefined;
  const { parseProcNetTable, stripIpv4Mapped } = await import('@netprog/proc-net');
  const littleEndian = endianness() === 'LE';
  // Ports are printed as 4 upper-case hex digits after a colon: ":1F90" is 8080.
  const marks = ports?.map((port) => `:${port.toString(16).toUpperCase().padStart(4, '0')} `);
  const entries: ProcNetEntry[] = [];
  for (const proto of protocols) {
    let text: string;
    try {
      text = readFileSync(`/proc/${pid}/net/${proto}`, 'utf8');
    } catch {
      // A kernel without IPv6 has no tcp6 table; a process that exited has no tables at all.
      if (proto.endsWith('6')) continue;
      return undefined;
    }
    if (marks !== undefined) {
      const [header = '', ...lines] = text.split('\n');
      text = [header, ...lines.filter((line) => marks.some((mark) => line.includes(mark)))].join(
        '\n',
      );
    }
    entries.push(...parseProcNetTable(text, proto, littleEndian));
  }
  return { entries, stripIpv4Mapped };
}
