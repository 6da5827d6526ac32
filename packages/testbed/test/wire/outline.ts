// A transcript as a short list of strings, for live tests that should not depend on how TCP
// happened to split the bytes: consecutive data events in one direction are joined.
import { readProcNet } from '../../src/wire/explain/read-proc-net.ts';
import { findEnds } from '../../src/wire/record/probe-queues.ts';
import type { Endpoint, EndState, Transcript } from '../../src/wire/record/transcript.ts';

/** e.g. ['→ connect', '→ hello', '← hello', '→ FIN', '← FIN']. */
export function outline(transcript: Transcript): string[] {
  const lines: string[] = [];
  let joining: { from: string; text: string } | undefined;
  const flush = (): void => {
    if (joining !== undefined) lines.push(`${joining.from} ${joining.text}`);
    joining = undefined;
  };
  for (const event of transcript.events) {
    if (event.kind === 'data') {
      const from = event.from === 'client' ? '→' : '←';
      const text = Buffer.from(event.bytes).toString('latin1');
      if (joining?.from === from) joining.text += text;
      else {
        flush();
        joining = { from, text };
      }
      continue;
    }
    flush();
    switch (event.kind) {
      case 'connect':
        lines.push('→ connect');
        break;
      case 'fin':
      case 'rst':
        lines.push(`${event.from === 'client' ? '→' : '←'} ${event.kind.toUpperCase()}`);
        break;
      case 'queues':
        lines.push(
          `kernel: client ${event.client?.state ?? 'closed'}/${event.client?.rxQueue ?? 0}, server ${event.server?.state ?? 'closed'}/${event.server?.rxQueue ?? 0}`,
        );
        break;
      case 'datagram':
        lines.push(
          `${event.from === 'client' ? '→' : '←'} ${event.meaning ?? Buffer.from(event.bytes).toString('latin1')}${event.fate === undefined ? '' : ` (${event.fate})`}`,
        );
        break;
      default:
        lines.push(event.kind);
    }
  }
  flush();
  return lines;
}

/**
 * The lines of a formatted transcript with every time ("+12.3 ms") written "+T ms" and the
 * indentation (which follows the widest time) removed, so exact messages compare across runs.
 */
export function maskTimes(text: string): string[] {
  return text.split('\n').map((line) => line.replace(/[+-]\d+\.\d ms/g, '+T ms').trim());
}

/** Both ends of one TCP connection as /proc/net shows them. */
export type Ends = { client: EndState | undefined; server: EndState | undefined };

/**
 * Reads /proc/net until both ends of the connection between `client` and `server` satisfy
 * `ready`: for a state the kernel reaches on its own (bytes piling up in a queue), which no event
 * announces. It records nothing. Bounded: after `limitMs` it throws with the last state it saw.
 */
export async function waitForKernel(
  client: Endpoint,
  server: Endpoint,
  ready: (ends: Ends) => boolean,
  limitMs = 2_000,
): Promise<Ends> {
  const deadline = performance.now() + limitMs;
  for (;;) {
    // A turn of the event loop per look: the sockets' own I/O has to run for the state to change.
    await new Promise((resolve) => setImmediate(resolve));
    const tables = await readProcNet('self', ['tcp', 'tcp6']);
    if (tables === undefined) throw new Error('waitForKernel needs Linux /proc/net');
    const ends = findEnds(tables.entries, client, server, tables.stripIpv4Mapped);
    if (ready(ends)) return ends;
    if (performance.now() > deadline) {
      throw new Error(
        `the kernel did not reach the awaited state within ${limitMs} ms; last seen: ${JSON.stringify(ends)}`,
      );
    }
  }
}
