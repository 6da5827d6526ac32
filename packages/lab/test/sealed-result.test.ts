// The grading process's results reach the grader sealed under a key only they share
// (sealed-result.ts): a file that anything else wrote or rewrote is not trusted.
import { describe, expect, test } from 'vitest';
import { newResultKey, sealResult, unsealResult } from '../src/grade/sealed-result.ts';
import type { RawRun } from '../src/grade/types.ts';

const run: RawRun = {
  modules: [
    {
      testFile: 'tests/a.test.ts',
      state: 'failed',
      duration: 3,
      errors: [],
      tests: [],
      output: '',
    },
  ],
  unhandled: [],
};

describe('sealed results', () => {
  test('what the grading process sealed comes back whole under its key', () => {
    const key = newResultKey();
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(newResultKey()).not.toBe(key);
    expect(unsealResult(sealResult(run, key), key)).toEqual({ ok: true, run });
  });

  test('results rewritten under the old seal are refused', () => {
    const key = newResultKey();
    const sealed = JSON.parse(sealResult(run, key)) as { mac: string; run: string };
    const forged = JSON.stringify({ ...sealed, run: sealed.run.replace('"failed"', '"passed"') });
    expect(unsealResult(forged, key)).toEqual({
      ok: false,
      reason: "the result file's seal does not match",
    });
  });

  test('a seal made under another key is refused (another grading, or a guess)', () => {
    expect(unsealResult(sealResult(run, newResultKey()), newResultKey())).toMatchObject({
      ok: false,
    });
  });

  test('an unsealed result, as the grader read them before, is refused', () => {
    expect(unsealResult(JSON.stringify(run), newResultKey())).toEqual({
      ok: false,
      reason: 'the result file has no seal',
    });
    expect(unsealResult('{"mac": "00", "run": "{}"}', newResultKey())).toMatchObject({ ok: false });
    expect(unsealResult('{"modules": [', newResultKey())).toEqual({
      ok: false,
      reason: 'the result file is not JSON',
    });
  });
});
