// Graded: exercise 1, parsePortSpec. Pure function: no sockets.
import { describe, expect, it } from 'vitest';
import { PortSpecError, parsePortSpec } from '../exercises/port-spec.ts';

function failure(spec: string): PortSpecError {
  try {
    parsePortSpec(spec);
  } catch (error) {
    if (error instanceof PortSpecError) return error;
    throw new Error(
      `parsePortSpec(${JSON.stringify(spec)}) threw ${String(error)}, not a PortSpecError`,
    );
  }
  throw new Error(`parsePortSpec(${JSON.stringify(spec)}) should have thrown a PortSpecError`);
}

/** A message a user can act on: one line that names the bad item (or says it is empty). */
function expectHelpfulMessage(error: PortSpecError, token: string): void {
  expect(error.name, 'the error class').toBe('PortSpecError');
  expect(error.message, 'the message should be one line').not.toContain('\n');
  if (token === '')
    expect(error.message, 'the message should say the item is empty').toMatch(/empty/i);
  else expect(error.message, 'the message should name the bad item').toContain(token);
}

describe('parsePortSpec', () => {
  it('reads single ports and ranges', () => {
    expect(parsePortSpec('80')).toEqual([80]);
    expect(parsePortSpec('22,80,8000-8002')).toEqual([22, 80, 8000, 8001, 8002]);
    expect(parsePortSpec('1-1024')).toHaveLength(1024);
    expect(parsePortSpec('1-65535')).toHaveLength(65535);
    expect(parsePortSpec('7-7')).toEqual([7]);
  });

  it('sorts, removes duplicates and allows spaces around items', () => {
    expect(parsePortSpec('443, 80 ,80,1-2')).toEqual([1, 2, 80, 443]);
    expect(parsePortSpec('5-7,6')).toEqual([5, 6, 7]);
  });

  it.each([
    ['', ''],
    ['80,,81', ''],
    ['http', 'http'],
    ['0x50', '0x50'],
    ['-5', '-5'],
    ['22,8000-', '8000-'],
    ['1.5', '1.5'],
    ['8000 - 8002', '8000 - 8002'],
  ])('rejects %j naming the bad item %j', (spec, token) => {
    const error = failure(spec);
    expect(error.token).toBe(token);
    expectHelpfulMessage(error, token);
  });

  it.each([
    ['0', '0'],
    ['65536', '65536'],
    ['1-70000', '1-70000'],
    ['80, 100-1', '100-1'],
  ])('rejects out-of-range or backwards %j', (spec, token) => {
    const error = failure(spec);
    expect(error.token).toBe(token);
    expectHelpfulMessage(error, token);
  });

  it('says which ports are allowed when a port is out of range', () => {
    expect(failure('65536').message, 'the range a port must be in').toMatch(/1\b.*65535/);
    expect(failure('0').message, 'the range a port must be in').toMatch(/1\b.*65535/);
  });
});
