// Splits a command line into options and positional arguments with node:util's parseArgs, the
// standard parser, which knows `--name value`, `--name=value`, `-abc` and the `--` that ends
// the options. Checking what was given (unknown names, missing values, numbers) is left to
// define-command.ts, so that every mistake is reported in the course's words.
import { parseArgs } from 'node:util';

/** One option as the user wrote it. */
export interface GivenOption {
  readonly kind: 'option';
  /** The name without dashes: 'timeout'. */
  readonly name: string;
  /** As typed: '--timeout', or '-t' for a short one. */
  readonly rawName: string;
  /** The value, or undefined when none followed. */
  readonly value: string | undefined;
  /** True when written `--name=value`; such a value is taken as it is, even '--x' or ''. */
  readonly inline: boolean;
}

/** One positional argument. */
export interface GivenPositional {
  readonly kind: 'positional';
  readonly text: string;
}

/**
 * True for a negative number such as -5 or -.5, which parseArgs alone would read as the short
 * option -5: here it is an argument (or an option's value), and is checked as a number later.
 *
 * @example
 * looksNegative('-5') // true
 * looksNegative('--demo') // false
 */
export function looksNegative(text: string): boolean {
  return /^-\.?\d/.test(text);
}

/**
 * The options and the positional arguments in `argv`, in the order given. `valued` lists the
 * options that take a value, so that `--timeout 5` reads 5 as the value of --timeout rather than
 * a positional argument.
 * Two readings differ from plain parseArgs:
 * - an argument that is a negative number is a positional argument (or, after an option that
 *   takes a value, that value): `--timeout -5` then fails as "must be ... from 1", not as
 *   parseArgs' "argument is ambiguous";
 * - a `--` at the very start is dropped: `pnpm run bench -- --record` passes it along.
 *
 * @example
 * readTokens(['5', '--timeout', '-1', '--demo'], new Set(['timeout']))
 * // [{ kind: 'positional', text: '5' },
 * //  { kind: 'option', name: 'timeout', rawName: '--timeout', value: '-1', inline: false },
 * //  { kind: 'option', name: 'demo', rawName: '--demo', value: undefined, inline: false }]
 */
export function readTokens(
  argv: readonly string[],
  valued: ReadonlySet<string>,
): Array<GivenOption | GivenPositional> {
  const args = argv[0] === '--' ? argv.slice(1) : [...argv];
  const { tokens } = parseArgs({
    args,
    // Declared as strings so that parseArgs takes the next argument as their value; the
    // others are left undeclared and come back as options with no value, known or not.
    options: Object.fromEntries([...valued].map((name) => [name, { type: 'string' as const }])),
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const given: Array<GivenOption | GivenPositional> = [];
  const negativeNumbers = new Set<number>();
  for (const token of tokens) {
    if (token.kind === 'positional') given.push({ kind: 'positional', text: token.value });
    if (token.kind !== 'option') continue;
    const arg = args[token.index] ?? '';
    if (looksNegative(arg)) {
      // parseArgs splits '-12' into the options -1 and -2, with one index: keep it once.
      if (!negativeNumbers.has(token.index)) given.push({ kind: 'positional', text: arg });
      negativeNumbers.add(token.index);
      continue;
    }
    given.push({
      kind: 'option',
      name: token.name,
      rawName: token.rawName,
      value: token.value,
      inline: token.inlineValue === true,
    });
  }
  return given;
}
