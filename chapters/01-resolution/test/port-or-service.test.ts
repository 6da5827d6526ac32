import { UsageError } from '@netprog/cli';
import { describe, expect, it } from 'vitest';
import { parsePortOrService } from '../src/port-or-service.ts';

describe('parsePortOrService', () => {
  it('accepts port numbers and service names', () => {
    expect(parsePortOrService('0')).toBe(0);
    expect(parsePortOrService('65535')).toBe(65535);
    expect(parsePortOrService('http')).toBe('http');
  });

  it('refuses numbers out of range and things that are neither', () => {
    expect(() => parsePortOrService('99999')).toThrow(
      new UsageError('port must be a whole number from 0 to 65535, got "99999"'),
    );
    expect(() => parsePortOrService('-1')).toThrow(/from 0 to 65535, got "-1"/);
    expect(() => parsePortOrService('8o!')).toThrow(/or a service name/);
  });
});
