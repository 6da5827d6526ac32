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
    expect(command('verify')).toEqual({
      kind: 'verify',
      lab: undefined,
      verbose: false,
      mutants: true,
    });
    expect(command('verify', 'chapter3')).toEqual({
      kind: 'verify',
      lab: 'chapter3',
      verbose: false,
      mutants: true,
    });
    expect(command('chapter3', 'verify', '--skip-mutants')).toEqual({
      kind: 'verify',
      lab: 'chapter3',
      verbose: false,
      mutants: false,
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

  test('check, grade-all and export, for teachers', () => {
    expect(command('check')).toEqual({ kind: 'check', lab: undefined });
    expect(command('3', 'check')).toEqual({ kind: 'check', lab: '3' });
    expect(command('grade-all', '--ci', '--results', 'out', '--labs', '3, chapter5')).toEqual({
      kind: 'grade-all',
      labs: ['3', 'chapter5'],
      ci: true,
      results: 'out',
      verbose: false,
    });
    expect(command('grade-all')).toEqual({
      kind: 'grade-all',
      labs: undefined,
      ci: false,
      results: undefined,
      verbose: false,
    });
    expect(command('export', '../class', '--labs=chapter3,5', '--force')).toEqual({
      kind: 'export',
      dir: '../class',
      labs: ['chapter3', '5'],
      force: true,
      gradescope: false,
    });
    expect(command('export', '--help')).toEqual({ kind: 'help', topic: 'export' });
    expect(command('grade-all', '--help')).toEqual({ kind: 'help', topic: 'grade-all' });
    expect(command('help', 'check')).toEqual({ kind: 'help', topic: 'check' });
  });

  test('doctor, for the machine', () => {
    expect(command('doctor')).toEqual({ kind: 'doctor' });
    expect(command('doctor', '--help')).toEqual({ kind: 'help', topic: 'doctor' });
    expect(command('help', 'doctor')).toEqual({ kind: 'help', topic: 'doctor' });
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
      /^unknown command "grade" for lab chapter3: use one of hint, reset, check, verify, rehash/,
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

  test('export and grade-all: what they need, and what they do not take', () => {
    expect(mistake('export')).toBe(
      'export needs the folder to write the class copy to, e.g. `pnpm lab export ../netprog-class`',
    );
    expect(mistake('export', 'a', 'b')).toBe('`pnpm lab export` takes one folder; unexpected "b"');
    expect(mistake('export', 'a', '--labs')).toBe(
      '--labs needs lab names separated by commas, e.g. --labs chapter3,chapter5',
    );
    expect(mistake('export', 'a', '--labs', ' , ')).toBe(
      '--labs needs lab names separated by commas, e.g. --labs chapter3,chapter5',
    );
    expect(mistake('export', 'a', '--ci')).toBe(
      '--ci is not an option of "export"; see `pnpm lab export --help`',
    );
    expect(mistake('grade-all', 'chapter3')).toBe(
      '`pnpm lab grade-all` takes no lab names: choose labs with --labs chapter3,chapter5; unexpected "chapter3"',
    );
    expect(mistake('grade-all', '--results')).toBe(
      '--results needs a folder, e.g. --results lab-results',
    );
    expect(mistake('grade-all', '--force')).toBe(
      '--force is not an option of "grade-all"; see `pnpm lab grade-all --help`',
    );
    expect(mistake('chapter3', '--labs', '3')).toBe(
      '--labs is not an option of "grade"; see `pnpm lab chapter3 --help`',
    );
  });

  test('doctor takes no words and no options of its own', () => {
    expect(mistake('doctor', 'chapter3')).toBe(
      '`pnpm lab doctor` takes no arguments; unexpected "chapter3"',
    );
    expect(mistake('doctor', '--json')).toBe(
      '--json is not an option of "doctor"; see `pnpm lab doctor --help`',
    );
  });

  test('no help on an unknown topic', () => {
    expect(mistake('help', 'dance')).toBe('no help on "dance": try `pnpm lab --help`');
  });
});
