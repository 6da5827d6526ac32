import { describe, expect, it } from 'vitest';
import { parseArgs, parsePort, UsageError } from '../src/cli.ts';

describe('parseArgs', () => {
  it('separates positional arguments, valued options and flags', () => {
    expect(
      parseArgs(['web.test', '443', '--family', '6', '--passive'], {
        family: 'value',
        passive: 'flag',
      }),
    ).toEqual({
      positional: ['web.test', '443'],
      options: { family: '6', passive: true },
    });
  });

  it('refuses unknown options and options missing their value, as UsageErrors', () => {
    expect(() => parseArgs(['--bogus'], { family: 'value' })).toThrow(
      new UsageError('unknown option --bogus; this example knows --family'),
    );
    expect(() => parseArgs(['--family'], { family: 'value' })).toThrow(/--family needs a value/);
    expect(() =>
      parseArgs(['--family', '--passive'], { family: 'value', passive: 'flag' }),
    ).toThrow(UsageError);
  });
});

describe('parsePort', () => {
  it('accepts port numbers and service names', () => {
    expect(parsePort('0')).toBe(0);
    expect(parsePort('65535')).toBe(65535);
    expect(parsePort('http')).toBe('http');
  });

  it('refuses numbers above 65535 and things that are neither', () => {
    expect(() => parsePort('99999')).toThrow(/port must be at most 65535, got 99999/);
    expect(() => parsePort('-1')).toThrow(UsageError);
    expect(() => parsePort('8o!')).toThrow(/or a service name/);
  });
});
