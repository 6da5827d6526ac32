// The grading process hands its results to the grader in a file (reporter.ts → run-vitest.ts),
// and exercise code runs as the same user: a helper it starts that escapes the grader's process
// tracking (a grandchild in a session of its own) could rewrite that file between the reporter's
// write and the grader's read, and every test would pass. So the file is sealed: an HMAC of the
// results under a key the grader makes for each grading and sends only to the grading process
// (on its stdin, never in the environment its test processes inherit: grading-config.ts). A
// rewritten file fails the seal, and the grading reports nothing it said as trusted.
//
// This raises the bar; it is not a sandbox. Code that can read another process's memory (same
// user, no Yama) could still find the key.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { RawRun } from './types.ts';

/** A fresh key for one grading: 32 random bytes, hex. */
export function newResultKey(): string {
  return randomBytes(32).toString('hex');
}

/**
 * The text of the result file: the results and their seal.
 * @example
 * writeFileSync(request.resultFile, sealResult(run, request.resultKey));
 */
export function sealResult(run: RawRun, key: string): string {
  const text = JSON.stringify(run);
  return JSON.stringify({ mac: mac(text, key), run: text });
}

/** What a result file held: the results, or a reason they cannot be trusted. */
export type Unsealed =
  | { readonly ok: true; readonly run: RawRun }
  | { readonly ok: false; readonly reason: string };

/**
 * The results in a result file's text, if its seal holds under `key`.
 * @example
 * const read = unsealResult(readFileSync(file, 'utf8'), key);
 * if (!read.ok) console.log(read.reason);
 */
export function unsealResult(text: string, key: string): Unsealed {
  let sealed: unknown;
  try {
    sealed = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'the result file is not JSON' };
  }
  if (!isSealed(sealed)) return { ok: false, reason: 'the result file has no seal' };
  const expected = Buffer.from(mac(sealed.run, key), 'hex');
  const given = Buffer.from(sealed.mac, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: "the result file's seal does not match" };
  }
  return { ok: true, run: JSON.parse(sealed.run) as RawRun };
}

function mac(text: string, key: string): string {
  return createHmac('sha256', key).update(text).digest('hex');
}

function isSealed(value: unknown): value is { mac: string; run: string } {
  if (typeof value !== 'object' || value === null) return false;
  const fields = value as Record<string, unknown>;
  return (
    typeof fields.mac === 'string' &&
    /^[0-9a-f]{64}$/.test(fields.mac) &&
    typeof fields.run === 'string'
  );
}
