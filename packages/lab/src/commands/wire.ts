// `pnpm lab <lab> --wire <exercise>`: everything the wire showed in one exercise's tests at the
// last grading (the test processes left it in .lab/wire/, wire-capture.ts), printed in full and
// written as a pcapng file Wireshark and tshark open. It grades nothing.
import { readFile, writeFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { formatTranscript, toPcapng } from '@netprog/testbed/wire';
import type { Context } from '../context.ts';
import type { Target } from '../grade/types.ts';
import { decodeWireFile, type WireFile, wireDirOf, wireFileName } from '../grade/wire-file.ts';
import type { ExerciseManifest, Lab } from '../manifest/types.ts';
import { stateDir } from '../state/progress.ts';

/** Every event of a transcript is printed, up to this many (the recording keeps at most 1000). */
const ALL_EVENTS = 2_000;

/**
 * Prints the transcripts and writes `<exercise>.pcapng` beside them; 1 when there are none.
 * @example
 * process.exitCode = await wireCommand(context, lab, selectExercise(lab, 'http-get'), 'exercises');
 */
export async function wireCommand(
  context: Context,
  lab: Lab,
  exercise: ExerciseManifest,
  target: Target,
): Promise<number> {
  const { io } = context;
  const dir = wireDirOf(stateDir(lab), target);
  const file = await readWire(`${dir}/${wireFileName(exercise.test)}`);
  const flag = target === 'solutions' ? ' --solution' : '';
  if (file === undefined) {
    io.stderr.write(
      `no transcripts of ${exercise.id} from the last grading: its tests recorded no network traffic, or it was not graded yet (grade it with \`pnpm lab ${lab.manifest.id}${flag} --only ${exercise.id}\`)\n`,
    );
    return 1;
  }
  io.stdout.write(`${formatWire(file, exercise, target)}\n`);
  const pcap = `${dir}/${exercise.id}.pcapng`;
  await writeFile(pcap, toPcapng(file.tests.flatMap((t) => t.transcripts)));
  io.stdout.write(
    `\nWritten to ${relative(io.cwd, pcap) || pcap}: a pcapng file synthesised from what the test's sockets saw (not a capture), for Wireshark or \`tshark -r\`\n`,
  );
  return 0;
}

/**
 * The whole text: a heading, then each test that recorded something, with every transcript.
 * @example
 * formatWire(file, exercise, 'exercises').split('\n')[0];
 * // 'http-get: what went over the wire at the last grading of your exercise (17 tests, 21 connections)'
 */
export function formatWire(file: WireFile, exercise: ExerciseManifest, target: Target): string {
  const connections = file.tests.reduce((sum, t) => sum + t.transcripts.length, 0);
  const whose = target === 'solutions' ? 'the reference solution' : 'your exercise';
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const lines = [
    `${exercise.id}: what went over the wire at the last grading of ${whose} (${plural(file.tests.length, 'test')}, ${plural(connections, 'connection')})`,
  ];
  for (const test of file.tests) {
    const seed = test.seed === undefined ? '' : `, seed ${test.seed}`;
    lines.push('', `── ${test.test} (${test.failed ? 'failed' : 'passed'}${seed})`);
    for (const transcript of test.transcripts) {
      lines.push(formatTranscript(transcript, { maxEvents: ALL_EVENTS }));
    }
  }
  return lines.join('\n');
}

async function readWire(path: string): Promise<WireFile | undefined> {
  const text = await readFile(path, 'utf8').catch(() => undefined);
  return text === undefined ? undefined : decodeWireFile(text);
}
