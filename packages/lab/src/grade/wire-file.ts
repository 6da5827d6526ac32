// The transcripts of one graded test file, as the test process leaves them for `pnpm lab <lab>
// --wire <exercise>` (and for the reference comparison): JSON, one entry per test that recorded
// anything, bytes in base64. Pure: text in, data out, and back.
import type { Transcript } from '@netprog/testbed/wire';

/** What one test recorded. */
export interface TestWire {
  /** "describe > test", as vitest's fullTestName. */
  readonly test: string;
  readonly failed: boolean;
  /** The seed the fixtures used (NETPROG_SEED), when the grader set one. */
  readonly seed?: number;
  readonly transcripts: readonly Transcript[];
}

/** The file's content. */
export interface WireFile {
  readonly version: 1;
  /** The graded test file, relative to the lab: `tests/http-get.test.ts`. */
  readonly testFile: string;
  readonly tests: readonly TestWire[];
}

const BYTES = '$bytes';

/**
 * The file's text. Uint8Arrays become `{ "$bytes": "<base64>" }`.
 * @example
 * encodeWireFile({ version: 1, testFile: 'tests/a.test.ts', tests: [] });
 */
export function encodeWireFile(file: WireFile): string {
  return JSON.stringify(file, (_key, value: unknown) =>
    value instanceof Uint8Array ? { [BYTES]: Buffer.from(value).toString('base64') } : value,
  );
}

/**
 * Reads a file encodeWireFile wrote.
 * @throws SyntaxError when the text is not JSON; Error when it is not a wire file
 * @example
 * decodeWireFile(encodeWireFile(file)).tests.length;
 */
export function decodeWireFile(text: string): WireFile {
  const data = JSON.parse(text, (_key, value: unknown) => {
    if (typeof value === 'object' && value !== null && BYTES in value) {
      return new Uint8Array(
        Buffer.from(String((value as Record<string, unknown>)[BYTES]), 'base64'),
      );
    }
    return value;
  }) as Partial<WireFile>;
  if (data.version !== 1 || !Array.isArray(data.tests)) {
    throw new Error('not a transcript file written by pnpm lab (version 1)');
  }
  return data as WireFile;
}

/**
 * The folder of one target's transcripts in a lab's state folder (.lab/): `.lab/wire/exercises`.
 * @example
 * wireDirOf('/labs/chapter3/.lab', 'solutions'); // '/labs/chapter3/.lab/wire/solutions'
 */
export function wireDirOf(stateDir: string, target: 'exercises' | 'solutions'): string {
  return `${stateDir}/wire/${target}`;
}

/**
 * The file name of a graded test file's transcripts: `tests/http-get.test.ts` → `http-get.json`.
 * @example
 * wireFileName('tests/http-get.test.ts'); // 'http-get.json'
 */
export function wireFileName(testFile: string): string {
  const base = testFile.split('/').pop() ?? testFile;
  return `${base.replace(/\.test\.[cm]?[jt]s$/, '')}.json`;
}
