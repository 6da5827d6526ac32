import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname } from 'node:path';

/**
 * Replaces the parts of an example's output that change from run to run (ephemeral ports,
 * timings, file descriptors, this machine's name, `host`) with placeholders. It is used only to
 * COMPARE a new run with the recorded one: the recorded file keeps what was really printed.
 *
 * @example
 * normaliseVolatile("laddr=('127.0.0.1', 41234) in 3.2 ms") // "laddr=('127.0.0.1', <port>) in <time>"
 */
export function normaliseVolatile(text: string, host: string = hostname()): string {
  let out = text
    .replace(/\bfd=-?\d+/g, 'fd=<fd>')
    // A time padded to a column keeps one space on each side: '  324 ms' and ' 1035 ms' (a
    // busy machine's extra digit) must compare equal.
    .replace(
      /( *)(\d+(?:\.\d+)?)\s?(ns|µs|us|ms|s)\b( *)/g,
      (_m, before, _n, _u, after) => `${before ? ' ' : ''}<time>${after ? ' ' : ''}`,
    )
    .replace(
      /(127\.\d+\.\d+\.\d+|::1|localhost|0\.0\.0\.0|::)(['"]?,\s?|\]?:)\d{1,5}\b/g,
      '$1$2<port>',
    )
    .replace(/\bport\s+\d{1,5}\b/gi, 'port <port>');
  // Only the whole name: a host called 'vm' must not turn 'recvmsg' into 'rec<hostname>sg'.
  if (host.length > 0) {
    const name = host.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    out = out.replace(new RegExp(`(?<![\\w-])${name}(?![\\w-])`, 'g'), '<hostname>');
  }
  return out;
}

export interface RecordedOutputOptions {
  /** Extra normalisation for this example (applied after `normaliseVolatile`). */
  normalise?: (text: string) => string;
}

/**
 * True when outputs should be (re)written rather than checked: `pnpm docs:record` sets
 * NETPROG_RECORD=1.
 *
 * @example
 * if (isRecording()) console.log('recording outputs instead of checking them');
 */
export function isRecording(): boolean {
  return process.env.NETPROG_RECORD === '1';
}

/**
 * The notebook check behind the docs: compares an example's output with the output recorded in
 * `file` (volatile parts normalised on both sides), and records it instead when `pnpm docs:record`
 * runs (NETPROG_RECORD=1) or when no recording exists yet outside CI. In CI a missing recording
 * is an error, so the site can never show an output nobody ran.
 *
 * Returns the two normalised texts; the caller asserts they are equal, so a drift shows as a diff.
 *
 * @example
 * const { actual, recorded } = await compareWithRecording(run.stdout, new URL('../outputs/scan.txt', import.meta.url));
 * expect(actual).toBe(recorded);
 */
export async function compareWithRecording(
  output: string,
  file: URL | string,
  options: RecordedOutputOptions = {},
): Promise<{ actual: string; recorded: string; written: boolean }> {
  const path = typeof file === 'string' ? file : file.pathname;
  const normalise = (text: string) => (options.normalise ?? ((t) => t))(normaliseVolatile(text));
  const existing = await readFile(path, 'utf8').catch(() => null);
  if (isRecording() || (existing === null && process.env.CI !== 'true')) {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, output);
    return { actual: normalise(output), recorded: normalise(output), written: true };
  }
  if (existing === null) {
    throw new Error(
      `No recorded output at ${path}. Run \`pnpm docs:record\` and commit the file it writes.`,
    );
  }
  return { actual: normalise(output), recorded: normalise(existing), written: false };
}
