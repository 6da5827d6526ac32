// What a failing test shows about the wire: the transcripts that tell what went wrong, the first
// byte where the student's side differs from the reference solution's on the same test, and, for
// a test that ran out of time, what the code was waiting on. Pure: data in, text out. The test
// process imports it only when a test failed (wire-capture.ts), so a passing test never loads it.
import {
  firstDifference,
  firstDifferenceAt,
  formatTranscript,
  maskVarying,
  otherSide,
  sentParts,
  type Transcript,
  VARIES,
  verdictOf,
} from '@netprog/testbed/wire';

/** The widest line of the report (the scoreboard indents it by four). */
export const WIRE_WIDTH = 92;
/** Transcripts shown under one failure; the rest are counted (all are in `--wire`). */
const MAX_SHOWN = 2;
/** Events shown per transcript (its first and last ones). */
const MAX_EVENTS = 14;

export interface WireReportInput {
  /** What the test's fixtures recorded, oldest first. */
  readonly transcripts: readonly Transcript[];
  /** The reference solution's transcripts of the same test, when the grader has them. */
  readonly reference?: readonly Transcript[];
  /** explainHang()'s lines, for a test that ran out of time. */
  readonly hang?: readonly string[];
  /** The seed the fixtures drew from, to replay the run. */
  readonly seed?: number;
}

/**
 * The text shown under a failing test, or undefined when there is nothing to show.
 * @example
 * wireReport({ transcripts: log.transcripts() });
 * // 'wire (your client 127.0.0.1:50122 ⇄ the test's http target 127.0.0.1:41873):\n  +0.4 ms  → connect …'
 */
export function wireReport(input: WireReportInput): string | undefined {
  const blocks: string[] = [];
  if (input.hang !== undefined && input.hang.length > 0) {
    blocks.push(['what your code was waiting on when the time ran out:', ...input.hang].join('\n'));
  }
  const shown = relevant(input.transcripts);
  for (const index of shown) {
    const transcript = input.transcripts[index];
    if (transcript === undefined) continue;
    const lines = [formatTranscript(transcript, { width: WIRE_WIDTH, maxEvents: MAX_EVENTS })];
    // A verdict names the cause; the reference's bytes would only repeat that something differs.
    const reference = verdictOf(transcript) === undefined ? input.reference?.[index] : undefined;
    const difference = reference && againstReference(transcript, reference);
    if (difference !== undefined) lines.push(difference);
    blocks.push(lines.join('\n'));
  }
  const hidden = input.transcripts.filter(
    (t, i) => !shown.includes(i) && t.events.some((e) => e.kind !== 'note'),
  ).length;
  if (hidden > 0 && shown.length > 0) {
    blocks.push(
      `(${hidden} more connection${hidden > 1 ? 's' : ''} in this test: --wire shows every one)`,
    );
  }
  if (blocks.length === 0) return undefined;
  return blocks.join('\n\n');
}

/**
 * Which transcripts to show: those with a verdict (a clear cause), else the last one, at most
 * MAX_SHOWN, in recording order.
 * @example
 * relevant([quiet, refused]); // [1]
 */
export function relevant(transcripts: readonly Transcript[]): number[] {
  const judged = transcripts.flatMap((t, i) => (verdictOf(t) === undefined ? [] : [i]));
  if (judged.length > 0) return judged.slice(0, MAX_SHOWN);
  return transcripts.length > 0 ? [transcripts.length - 1] : [];
}

/**
 * The first byte where the student's side of `actual` differs from the same side of `reference`
 * (the reference solution on the same test), with a caret; undefined when they agree, when
 * either was cut at the transcript's cap, or when the two are not the same kind of conversation.
 * Port numbers differ from run to run, so the reference's ports are read as this run's; bytes
 * the transcript says vary by design (Transcript.varies: a timestamp, a random ID) are shown as
 * <varies> on both sides and never count as a difference.
 * @example
 * againstReference(yours, theirs);
 * // 'first difference from the reference solution at byte 14 (yours: 34 B, reference: 35 B): …'
 */
export function againstReference(actual: Transcript, reference: Transcript): string | undefined {
  if (actual.protocol !== reference.protocol || actual.label !== reference.label) return undefined;
  if (actual.fixture !== reference.fixture) return undefined;
  const side = otherSide(actual.fixture);
  const yours = sentParts(actual, side);
  const theirs = sentParts(reference, side);
  if (!yours.complete || !theirs.complete || theirs.parts.length === 0) return undefined;
  const varies = actual.varies ?? reference.varies ?? [];
  const mine = maskVarying(yours.parts, varies);
  const expected = maskVarying(
    theirs.parts.map((part) => withPorts(part, reference, actual)),
    varies,
  );
  const shown = firstDifference(mine.bytes, expected.bytes, {
    width: WIRE_WIDTH,
    labels: ['yours', 'reference'],
  });
  if (shown === undefined) return undefined;
  const masked =
    mine.bytes.length !== mine.rawLength || expected.bytes.length !== expected.rawLength;
  // The header counts raw bytes: where the difference starts in what was really sent, and sizes.
  const at = mine.rawIndex[firstDifferenceAt(mine.bytes, expected.bytes)] ?? mine.rawLength;
  const header = `first difference from the reference solution's ${side} at byte ${at} (yours: ${mine.rawLength} B, reference: ${expected.rawLength} B):`;
  const lines = shown.split('\n');
  lines[0] = header;
  if (masked) lines.push(`  (${VARIES}: bytes that differ from run to run by design, left out)`);
  return lines.join('\n');
}

// The reference ran against fixtures on other ports: where its bytes name its server's or its
// client's port (a Host header, say), put this run's in their place.
function withPorts(bytes: Uint8Array, reference: Transcript, actual: Transcript): Buffer {
  let text = Buffer.from(bytes).toString('latin1');
  const swaps: [number | undefined, number | undefined][] = [
    [reference.server[1], actual.server[1]],
    [reference.client?.[1], actual.client?.[1]],
  ];
  for (const [from, to] of swaps) {
    if (from === undefined || to === undefined || from === to) continue;
    text = text.replace(new RegExp(`(?<!\\d)${from}(?!\\d)`, 'g'), String(to));
  }
  return Buffer.from(text, 'latin1');
}
