import { describe, expect, test } from 'vitest';
import { parseCommandLine } from '../src/cli/parse-args.ts';
import { UsageError } from '../src/errors.ts';

const command = (...argv: string[]) => parseCommandLine(argv).command;
const mistake = (...argv: string[]) => {
  try {
    parseCommandLine(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error(`no error for ${argv.join(' ')}`);
};

describe('commands', () => {
  test('no arguments lists the labs', () => {
    expect(command()).toEqual({ kind: 'list' });
  });

  test('a lab alone grades it, with its flags', () => {
    expect(command('chapter3', '--once', '--junit', 'r.xml')).toEqual({
      kind: 'grade',
      lab: 'chapter3',
      flags: {
        once: true,
        watch: false,
        json: false,
        junit: 'r.xml',
        solution: false,
        ci: false,
        verbose: false,
      },
    });
  });

  test('pnpm passes a leading -- through; it is ignored', () => {
    expect(command('--', '3', '--json')).toMatchObject({
      kind: 'grade',
      lab: '3',
      flags: { json: true },
    });
  });

  test('hint, reset, verify and rehash', () => {
    expect(command('3', 'hint')).toEqual({ kind: 'hint', lab: '3', exercise: undefined });
    expect(command('3', 'hint', 'connect')).toEqual({
      kind: 'hint',
      lab: '3',
      exercise: 'connect',
    });
    expect(command('3', 'reset', 'connect', '-y')).toEqual({
      kind: 'reset',
      lab: '3',
      exercise: 'connect',
      yes: true,
    });
    expect(command('verify')).toEqual({ kind: 'verify', lab: undefined, verbose: false });
    expect(command('verify', 'chapter3')).toEqual({
      kind: 'verify',
      lab: 'chapter3',
      verbose: false,
    });
    expect(command('chapter3', 'verify')).toEqual({
      kind: 'verify',
      lab: 'chapter3',
      verbose: false,
    });
    expect(command('rehash', 'chapter3')).toEqual({ kind: 'rehash', lab: 'chapter3' });
    expect(command('chapter3', 'rehash')).toEqual({ kind: 'rehash', lab: 'chapter3' });
  });

  test('--help on every command picks that command’s help', () => {
    expect(command('--help')).toEqual({ kind: 'help', topic: 'main' });
    expect(command('chapter3', '--help')).toEqual({ kind: 'help', topic: 'grade' });
    expect(command('chapter3', 'hint', '-h')).toEqual({ kind: 'help', topic: 'hint' });
    expect(command('chapter3', 'reset', '--help')).toEqual({ kind: 'help', topic: 'reset' });
    expect(command('verify', '--help')).toEqual({ kind: 'help', topic: 'verify' });
    expect(command('rehash', '--help')).toEqual({ kind: 'help', topic: 'rehash' });
    expect(command('help', 'reset')).toEqual({ kind: 'help', topic: 'reset' });
  });

  test('--root is accepted everywhere', () => {
    expect(parseCommandLine(['--root', '/x', 'verify']).root).toBe('/x');
  });
});

describe('mistakes get one clear line', () => {
  test('unknown flag', () => {
    expect(mistake('chapter3', '--fast')).toBe('unknown option --fast: see `pnpm lab --help`');
  });

  test('a flag another command owns', () => {
    expect(mistake('chapter3', '--yes')).toBe(
      '--yes is not an option of "grade"; see `pnpm lab chapter3 --help`',
    );
    expect(mistake('chapter3', 'hint', '--json')).toBe(
      '--json is not an option of "hint"; see `pnpm lab chapter3 hint --help`',
    );
  });

  test('unknown command after a lab', () => {
    expect(mistake('chapter3', 'grade')).toMatch(
      /^unknown command "grade" for lab chapter3: use one of hint, reset, verify, rehash/,
    );
  });

  test('reset without an exercise, and extra words', () => {
    expect(mistake('3', 'reset')).toBe(
      'reset needs the exercise to restore: `pnpm lab 3 reset <exercise>`',
    );
    expect(mistake('3', 'hint', 'a', 'b')).toBe(
      '`hint` takes at most one exercise; unexpected "b"',
    );
  });

  test('contradictory or incomplete flags', () => {
    expect(mistake('3', '--once', '--watch')).toBe(
      '--once and --watch contradict each other: pick one',
    );
    expect(mistake('3', '--watch', '--json')).toMatch(/^--watch cannot be combined with --json/);
    expect(mistake('3', '--junit')).toBe('--junit needs a file name, e.g. --junit results.xml');
  });

  test('no help on an unknown topic', () => {
    expect(mistake('help', 'dance')).toBe('no help on "dance": try `pnpm lab --help`');
  });
});
