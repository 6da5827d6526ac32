// expectNearLimit: within ±20% passes; too late fails that try only; too early fails that try
// and every later try of the same test, because load can delay a timeout but never hasten it.
import { describe, expect, it } from 'vitest';
import { expectNearLimit, TOLERANCE } from '../src/timing/index.ts';

describe('expectNearLimit', () => {
  it('passes from 20% early to 20% late, and fails outside, naming the event', () => {
    expect(TOLERANCE).toBe(0.2);
    expectNearLimit(400, 500);
    expectNearLimit(600, 500);
    expect(() => expectNearLimit(601, 500, 'rejected')).toThrow(
      'rejected after 601 ms, limit 500 ms: too late',
    );
  });

  it('lets a later try pass after a late one', () => {
    expect(() => expectNearLimit(900, 500)).toThrow(/too late/);
    expectNearLimit(510, 500);
  });

  it('fails every later try of a test once one fired early', () => {
    expect(() => expectNearLimit(300, 500)).toThrow(
      'finished after 300 ms, limit 500 ms: too early',
    );
    expect(() => expectNearLimit(500, 500)).toThrow(
      /an earlier try of this test fired before 400 ms/,
    );
  });

  it('does not hold an early try of another test against this one', () => {
    expectNearLimit(500, 500);
  });
});
