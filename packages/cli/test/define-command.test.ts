// The shared parser, tested as a pure function: every mistake a user can make on a command line
// is one UsageError whose message names the argument (and shows the usage where that helps).
import { describe, expect, expectTypeOf, it } from 'vitest';
import { defineCommand, readInteger, UsageError, usageLine } from '../src/index.ts';

const pinger = defineCommand({
  name: 'pinger.ts',
  positionals: [
    { name: 'count', type: 'integer', min: 1, max: 1000 },
    { name: 'server', type: 'string', marker: '@', placeholder: '@host:port' },
  ],
  options: {
    timeout: { type: 'integer', min: 1, max: 10_000, default: 1000, placeholder: 'MS' },
    offset: { type: 'integer', min: -10, max: 10 },
    engine: { type: 'string', choices: ['net', 'tcp-handle'] },
    loss: { type: 'string', default: '30%', placeholder: 'P' },
    demo: { type: 'boolean' },
  },
});
const USAGE =
  'usage: pinger.ts [count] [@host:port] [--timeout MS] [--offset N] [--engine net|tcp-handle] [--loss P] [--demo]';

/** The message of the UsageError `parse(argv)` throws. */
function mistake(argv: string[]): string {
  try {
    pinger.parse(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error(`parse(${JSON.stringify(argv)}) accepted it`);
}

describe('defineCommand: reading what is declared', () => {
  it('derives the usage line from the declaration', () => {
    expect(pinger.usage).toBe(USAGE);
    expect(
      usageLine({
        name: 'echo.ts',
        positionals: [{ name: 'message', type: 'string', many: true }],
      }),
    ).toBe('usage: echo.ts [message ...]');
  });

  it('fills in defaults, and reads values typed as declared', () => {
    expect(pinger.parse([])).toEqual({
      count: undefined,
      server: undefined,
      timeout: 1000,
      offset: undefined,
      engine: undefined,
      loss: '30%',
      demo: false,
    });
    expect(
      pinger.parse([
        '5',
        '@127.0.0.1:7',
        '--timeout',
        '250',
        '--engine=net',
        '--demo',
        '--loss',
        '10%',
      ]),
    ).toMatchObject({
      count: 5,
      server: '@127.0.0.1:7',
      timeout: 250,
      engine: 'net',
      loss: '10%',
      demo: true,
    });
  });

  it('types the result from the declaration', () => {
    const args = pinger.parse([]);
    expectTypeOf(args.count).toEqualTypeOf<number | undefined>();
    expectTypeOf(args.timeout).toEqualTypeOf<number>();
    expectTypeOf(args.engine).toEqualTypeOf<'net' | 'tcp-handle' | undefined>();
    expectTypeOf(args.loss).toEqualTypeOf<string>();
    expectTypeOf(args.demo).toEqualTypeOf<boolean>();
    expectTypeOf(args.server).toEqualTypeOf<string | undefined>();
  });

  it('takes a marked positional wherever it stands, and the others in order', () => {
    expect(pinger.parse(['@[::1]:7', '3'])).toMatchObject({ count: 3, server: '@[::1]:7' });
  });

  it('gives a `many` positional every remaining argument', () => {
    const echo = defineCommand({
      name: 'echo.ts',
      positionals: [
        { name: 'host', type: 'string' },
        { name: 'ports', type: 'integer', min: 1, max: 65_535, many: true },
      ],
    });
    expect(echo.parse(['127.0.0.1', '22', '80'])).toEqual({ host: '127.0.0.1', ports: [22, 80] });
    expect(echo.parse([])).toEqual({ host: undefined, ports: [] });
    expectTypeOf(echo.parse([]).ports).toEqualTypeOf<number[]>();
  });

  it('drops a leading `--` (pnpm run passes it along), and takes the rest after a later one as positionals', () => {
    expect(pinger.parse(['--', '--demo'])).toMatchObject({ demo: true });
    expect(mistake(['5', '--', '--demo'])).toBe(`unexpected argument "--demo"; ${USAGE}`);
  });
});

describe('defineCommand: refusing mistakes, one line each', () => {
  it('names an unknown option and shows the usage', () => {
    expect(mistake(['--bogus'])).toBe(`unknown option --bogus; ${USAGE}`);
    expect(mistake(['--bogus=3'])).toBe(`unknown option --bogus; ${USAGE}`);
    expect(mistake(['-x'])).toBe(`unknown option -x; ${USAGE}`);
    expect(mistake(['--help'])).toBe(`unknown option --help; ${USAGE}`);
    // Not an inherited property either.
    expect(mistake(['--constructor'])).toBe(`unknown option --constructor; ${USAGE}`);
  });

  it('names an argument too many', () => {
    expect(mistake(['5', '6'])).toBe(`unexpected argument "6"; ${USAGE}`);
    expect(mistake(['@a', '@b'])).toBe(`unexpected argument "@b"; ${USAGE}`);
    const none = defineCommand({ name: 'lifecycle.ts' });
    expect(none.usage).toBe('usage: lifecycle.ts');
    expect(() => none.parse(['8080'])).toThrow(
      new UsageError('lifecycle.ts takes no arguments, got "8080"'),
    );
    expect(() => none.parse(['--port', '1'])).toThrow(
      new UsageError('lifecycle.ts takes no arguments, got "--port"'),
    );
  });

  it('reports the first mistake on the line, left to right', () => {
    expect(mistake(['5', '6', '--bogus', '--timeout', '-5'])).toBe(
      `unexpected argument "6"; ${USAGE}`,
    );
    expect(mistake(['--timeout', '-5', '5', '6', '--bogus'])).toMatch(/^--timeout must be/);
    expect(mistake(['--bogus', '5', '6'])).toBe(`unknown option --bogus; ${USAGE}`);
  });

  it('says when an option lacks its value, or a flag was given one', () => {
    expect(mistake(['--timeout'])).toBe(`--timeout needs a value; ${USAGE}`);
    expect(mistake(['--timeout', '--demo'])).toBe(`--timeout needs a value; ${USAGE}`);
    expect(mistake(['--demo=yes'])).toBe(`--demo takes no value, got "--demo=yes"; ${USAGE}`);
  });

  it('refuses numbers that are not whole, negative where not allowed, or out of range, saying the range', () => {
    const range = (got: string) => `--timeout must be a whole number from 1 to 10000, got "${got}"`;
    expect(mistake(['--timeout', 'soon'])).toBe(range('soon'));
    expect(mistake(['--timeout', '-5'])).toBe(range('-5'));
    expect(mistake(['--timeout=-5'])).toBe(range('-5'));
    expect(mistake(['--timeout', '0'])).toBe(range('0'));
    expect(mistake(['--timeout', '10001'])).toBe(range('10001'));
    expect(mistake(['--timeout', '1.5'])).toBe(range('1.5'));
    expect(mistake(['--timeout', '0x10'])).toBe(range('0x10'));
    expect(mistake(['--timeout', '1e3'])).toBe(range('1e3'));
    expect(mistake(['--timeout='])).toBe(range(''));
    expect(mistake(['--timeout', '-0.5'])).toBe(range('-0.5'));
    expect(mistake(['99999999999999999999'])).toBe(
      'count must be a whole number from 1 to 1000, got "99999999999999999999"',
    );
  });

  it('reads a negative number as a number, where the range allows one and where it does not', () => {
    expect(pinger.parse(['--offset', '-3']).offset).toBe(-3);
    expect(pinger.parse(['--offset=-3']).offset).toBe(-3);
    expect(mistake(['--offset', '-11'])).toBe(
      '--offset must be a whole number from -10 to 10, got "-11"',
    );
    // A negative positional is a positional, not the short options -5 or -1, -2.
    expect(mistake(['-5'])).toBe('count must be a whole number from 1 to 1000, got "-5"');
    expect(mistake(['-12'])).toBe('count must be a whole number from 1 to 1000, got "-12"');
  });

  it('names the choices', () => {
    expect(mistake(['--engine', 'raw'])).toBe('--engine must be net or tcp-handle, got "raw"');
    const three = defineCommand({
      name: 'x.ts',
      options: { only: { type: 'string', choices: ['raw', 'models', 'all'] } },
    });
    expect(() => three.parse(['--only', 'x'])).toThrow(
      '--only must be raw, models or all, got "x"',
    );
  });
});

describe('readInteger', () => {
  it('reads whole numbers in range and refuses the rest', () => {
    expect(readInteger('0', 'port', 0, 65_535)).toBe(0);
    expect(readInteger('-3', 'offset', -5, 5)).toBe(-3);
    expect(() => readInteger(' 8', 'port', 0, 65_535)).toThrow(
      new UsageError('port must be a whole number from 0 to 65535, got " 8"'),
    );
  });
});

describe('a declaration’s own mistakes', () => {
  it('are bugs, thrown when the command is defined', () => {
    expect(() =>
      defineCommand({
        name: 'x.ts',
        positionals: [{ name: 'port', type: 'string' }],
        options: { port: { type: 'boolean' } },
      }),
    ).toThrow('x.ts: "port" is declared twice');
    expect(() =>
      defineCommand({
        name: 'x.ts',
        positionals: [
          { name: 'a', type: 'string', many: true },
          { name: 'b', type: 'string' },
        ],
      }),
    ).toThrow(/only the last positional/);
    expect(() =>
      defineCommand({
        name: 'x.ts',
        options: { n: { type: 'integer', min: 1, max: 9, default: 0 } },
      }),
    ).toThrow(/default of --n is out of its range/);
  });
});
