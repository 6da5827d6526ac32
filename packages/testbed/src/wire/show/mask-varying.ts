// Bytes that differ from run to run by design (a ping's timestamp, a DNS query's random ID) are
// not a student's mistake, yet a byte-for-byte comparison with the reference solution would put
// its caret there, every time. Before the comparison, each part a transcript says varies
// (Transcript.varies: patterns whose capture groups mark them) becomes the token <varies> on
// both sides, so the caret lands on the first difference that means something. Pure.

/** What a varying part is shown as. */
export const VARIES = '<varies>';

export interface Masked {
  /** The bytes with every varying part replaced by VARIES. */
  readonly bytes: Buffer;
  /** For each byte of `bytes`, where it (or the part it stands for) starts in the raw bytes. */
  readonly rawIndex: readonly number[];
  /** How many raw bytes there were. */
  readonly rawLength: number;
}

/**
 * The parts joined, with every capture group of every match of every pattern replaced by VARIES.
 * A pattern that does not match a part leaves it as it is: bytes in another shape than expected
 * are exactly what the comparison should show.
 * @example
 * maskVarying([Buffer.from('Ping 1 1796656984572')], ['^Ping \\d+ (\\d+)']).bytes.toString();
 * // 'Ping 1 <varies>'
 */
export function maskVarying(parts: readonly Uint8Array[], patterns: readonly string[]): Masked {
  const out: number[] = [];
  const rawIndex: number[] = [];
  let base = 0;
  for (const part of parts) {
    const text = Buffer.from(part).toString('latin1');
    const ranges = merge(patterns.flatMap((pattern) => groupRanges(text, pattern)));
    let at = 0;
    for (const [start, end] of ranges) {
      for (; at < start; at++) {
        out.push(part[at] ?? 0);
        rawIndex.push(base + at);
      }
      for (const char of VARIES) {
        out.push(char.charCodeAt(0));
        rawIndex.push(base + start);
      }
      at = end;
    }
    for (; at < part.length; at++) {
      out.push(part[at] ?? 0);
      rawIndex.push(base + at);
    }
    base += part.length;
  }
  return { bytes: Buffer.from(out), rawIndex, rawLength: base };
}

/** [start, end) of every non-empty capture group of every match ('d' gives the indices). */
function groupRanges(text: string, pattern: string): [number, number][] {
  const ranges: [number, number][] = [];
  for (const match of text.matchAll(new RegExp(pattern, 'dg'))) {
    for (const range of match.indices?.slice(1) ?? []) {
      if (range !== undefined && range[1] > range[0]) ranges.push([range[0], range[1]]);
    }
  }
  return ranges;
}

/** Sorted, with overlapping ranges joined. */
function merge(ranges: [number, number][]): [number, number][] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const range of sorted) {
    const last = merged.at(-1);
    if (last !== undefined && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  return merged;
}
