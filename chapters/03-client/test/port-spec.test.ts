import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatPortSpec, PortSpecError, parsePortSpec } from '../src/port-spec.ts';

describe('parsePortSpec', () => {
  it('reads single ports, ranges and lists, sorted and without duplicates', () => {
    expect(parsePortSpec('80')).toEqual([80]);
    expect(parsePortSpec('22,80,8000-8002')).toEqual([22, 80, 8000, 8001, 8002]);
    expect(parsePortSpec('443, 80 ,80,1-2')).toEqual([1, 2, 80, 443]);
    expect(parsePortSpec('1-1024')).toHaveLength(1024);
    expect(parsePortSpec('1-65535')).toHaveLength(65535);
    expect(parsePortSpec('5-5')).toEqual([5]);
  });

  it.each([
    ['', ''],
    ['   ', '   '],
    ['80,,81', ''],
    ['http', 'http'],
    ['0', '0'],
    ['65536', '65536'],
    ['1-70000', '1-70000'],
    ['100-1', '100-1'],
    ['0x50', '0x50'],
    ['1e3', '1e3'],
    ['-5', '-5'],
    ['22,80,8000-', '8000-'],
  ])('rejects %j and names the bad token', (spec, token) => {
    let error: unknown;
    try {
      parsePortSpec(spec);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PortSpecError);
    expect((error as PortSpecError).token).toBe(token);
    // One line a user can act on.
    expect((error as Error).message).not.toContain('\n');
  });

  it('says how to fix a backwards range', () => {
    expect(() => parsePortSpec('100-1')).toThrow('write the low port first (1-100)');
  });

  it('round-trips through formatPortSpec', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 65535 }), { minLength: 1, maxLength: 50 }),
        (ports) => {
          const sorted = [...ports].sort((a, b) => a - b);
          expect(parsePortSpec(formatPortSpec(ports))).toEqual(sorted);
        },
      ),
    );
  });
});

describe('formatPortSpec', () => {
  it('writes runs as ranges', () => {
    expect(formatPortSpec([22, 80, 81, 82, 443])).toBe('22,80-82,443');
    expect(formatPortSpec([3, 1, 2, 2])).toBe('1-3');
    expect(formatPortSpec([])).toBe('');
  });
});
