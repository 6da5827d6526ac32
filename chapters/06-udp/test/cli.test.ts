import { describe, expect, it } from 'vitest';
import {
  parseCommandLine,
  parseInteger,
  parseProbability,
  parseServer,
  UsageError,
} from '../src/cli.ts';

describe('the examples’ argument parsing', () => {
  it('parses counts, probabilities and dig-style servers', () => {
    expect(parseInteger('10', 'count', 1, 100)).toBe(10);
    expect(parseProbability('30%', 'loss')).toBe(0.3);
    expect(parseProbability('0.25', 'loss')).toBe(0.25);
    expect(parseServer('@127.0.0.1:5353', 53)).toEqual(['127.0.0.1', 5353]);
    expect(parseServer('@[::1]', 53)).toEqual(['::1', 53]);
  });

  it('refuses bad input with a UsageError that names the value', () => {
    expect(() => parseInteger('ten', 'count', 1, 100)).toThrow(
      new UsageError('count must be a whole number from 1 to 100, got "ten"'),
    );
    expect(() => parseProbability('130%', '--loss')).toThrow(/--loss must be a fraction/);
    expect(() => parseProbability('', '--loss')).toThrow(UsageError);
    expect(() => parseServer('127.0.0.1:53', 53)).toThrow(/@IP or @IP:port/);
    expect(() => parseServer('@dns.google', 53)).toThrow(/@IP or @IP:port/);
    expect(() => parseServer('@127.0.0.1:99999', 53)).toThrow(/port must be a whole number/);
    expect(() => parseCommandLine(['--nope'], { seed: { type: 'string' } }, 'x.ts')).toThrow(
      /Unknown option '--nope'.*usage: x\.ts/,
    );
  });
});
