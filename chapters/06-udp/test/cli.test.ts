import { UsageError } from '@netprog/cli';
import { describe, expect, it } from 'vitest';
import { parseProbability, parseServer } from '../src/cli.ts';

describe('the values only this chapter’s command lines have', () => {
  it('parses probabilities and dig-style servers', () => {
    expect(parseProbability('30%', 'loss')).toBe(0.3);
    expect(parseProbability('0.25', 'loss')).toBe(0.25);
    expect(parseServer('@127.0.0.1:5353', 53)).toEqual(['127.0.0.1', 5353]);
    expect(parseServer('@[::1]', 53)).toEqual(['::1', 53]);
  });

  it('refuses bad input with a UsageError that names the value', () => {
    expect(() => parseProbability('130%', '--loss')).toThrow(/--loss must be a fraction/);
    expect(() => parseProbability('-0.3', '--loss')).toThrow(/--loss must be a fraction/);
    expect(() => parseProbability('', '--loss')).toThrow(UsageError);
    expect(() => parseServer('127.0.0.1:53', 53)).toThrow(/@IP or @IP:port/);
    expect(() => parseServer('@dns.google', 53)).toThrow(/@IP or @IP:port/);
    expect(() => parseServer('@127.0.0.1:99999', 53)).toThrow(
      new UsageError('port must be a whole number from 1 to 65535, got "99999"'),
    );
  });
});
