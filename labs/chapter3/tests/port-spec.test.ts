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
  ])('rejects %j naming the bad item %j', (spec, token) => {
    const error = failure(spec);
    expect(error.token).toBe(token);
    expect(error.message.length).toBeGreaterThan(10);
    expect(error.message).not.toContain('\n');
  });

  it.each([
    ['0', '0'],
    ['65536', '65536'],
    ['1-70000', '1-70000'],
    ['80, 100-1', '100-1'],
  ])('rejects out-of-range or backwards %j', (spec, token) => {
    expect(failure(spec).token).toBe(token);
  });
});
