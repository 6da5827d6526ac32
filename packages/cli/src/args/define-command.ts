// The one way every program of the course reads its command line: declare the options and
// positional arguments once (spec.ts), get back a parser and the usage line derived from the
// same declaration. A mistake is a UsageError with one line that names the argument; runMain
// (main/run-main.ts) prints it and exits 2.
import { UsageError } from '../main/usage-error.ts';
import { readInteger } from './read-integer.ts';
import { type GivenOption, looksNegative, readTokens } from './read-tokens.ts';
import type { CommandSpec, OptionSpec, ParsedArgs, PositionalSpec } from './spec.ts';
import { usageLine } from './usage-line.ts';

/** A declared command line: its usage line and its parser. */
export interface Command<Args> {
  readonly name: string;
  /** One line derived from the declaration, e.g. 'usage: pinger.ts [count] [--timeout MS]'. */
  readonly usage: string;
  /**
   * Reads `argv` (default: this process's arguments) into typed values, defaults filled in.
   * Throws a UsageError for the first mistake, reading left to right: an unknown option, an
   * option without its value, an argument too many, a number out of range, a value not among
   * the choices.
   */
  parse(argv?: readonly string[]): Args;
}

/**
 * Declares a program's command line once, and returns its parser and usage line.
 *
 * @example
 * const command = defineCommand({
 *   name: 'pinger.ts',
 *   positionals: [{ name: 'count', type: 'integer', min: 1, max: 1000 }],
 *   options: { timeout: { type: 'integer', min: 1, max: 10_000, default: 1000, placeholder: 'MS' } },
 * });
 * command.parse(['5']) // { count: 5, timeout: 1000 }
 * command.parse(['5', '--timeout=-5']) // throws UsageError: --timeout must be a whole number from 1 to 10000, got "-5"
 * command.parse(['5', '6']) // throws UsageError: unexpected argument "6"; usage: pinger.ts [count] [--timeout MS]
 */
export function defineCommand<const S extends CommandSpec>(spec: S): Command<ParsedArgs<S>> {
  checkSpec(spec);
  const usage = usageLine(spec);
  return {
    name: spec.name,
    usage,
    parse: (argv = process.argv.slice(2)) => parseCommandLine(spec, usage, argv) as ParsedArgs<S>,
  };
}

function parseCommandLine(
  spec: CommandSpec,
  usage: string,
  argv: readonly string[],
): Record<string, unknown> {
  const options = spec.options ?? {};
  const positionals = spec.positionals ?? [];
  const valued = Object.keys(options).filter((name) => options[name]?.type !== 'boolean');
  const args: Record<string, unknown> = {};
  for (const [name, option] of Object.entries(options)) {
    args[name] = option.type === 'boolean' ? false : option.default;
  }
  for (const positional of positionals) args[positional.name] = positional.many ? [] : undefined;
  const takesNothing = positionals.length === 0 && Object.keys(options).length === 0;
  // Left to right, so that the mistake reported is the first one on the line.
  const inOrder = positionals.filter((p) => p.type !== 'string' || p.marker === undefined);
  let next = 0;
  for (const given of readTokens(argv, new Set(valued))) {
    if (takesNothing) {
      const text = given.kind === 'option' ? given.rawName : given.text;
      throw new UsageError(`${spec.name} takes no arguments, got ${JSON.stringify(text)}`);
    }
    if (given.kind === 'option') {
      const option = Object.hasOwn(options, given.name) ? options[given.name] : undefined;
      if (option === undefined) throw new UsageError(`unknown option ${given.rawName}; ${usage}`);
      args[given.name] = readOption(given, option, usage);
      continue;
    }
    const marked = positionals.find(
      (p) => p.type === 'string' && p.marker !== undefined && given.text.startsWith(p.marker),
    );
    const positional = marked ?? inOrder[next];
    if (positional === undefined || (!positional.many && args[positional.name] !== undefined)) {
      throw new UsageError(`unexpected argument ${JSON.stringify(given.text)}; ${usage}`);
    }
    const value = readPositional(positional, given.text);
    if (positional.many) (args[positional.name] as unknown[]).push(value);
    else args[positional.name] = value;
    if (marked === undefined && !positional.many) next += 1;
  }
  return args;
}

function readOption(given: GivenOption, option: OptionSpec, usage: string): unknown {
  const flag = `--${given.name}`;
  if (option.type === 'boolean') {
    if (given.value !== undefined) {
      throw new UsageError(`${flag} takes no value, got "${flag}=${given.value}"; ${usage}`);
    }
    return true;
  }
  // `--timeout --demo` is a forgotten value, not the value '--demo' (say `--name=-x` to mean it).
  const value = given.value;
  if (value === undefined || (!given.inline && value.startsWith('-') && !looksNegative(value))) {
    throw new UsageError(`${flag} needs a value; ${usage}`);
  }
  if (option.type === 'integer') return readInteger(value, flag, option.min, option.max);
  return readChoice(value, flag, option.choices);
}

function readChoice(value: string, name: string, choices: readonly string[] | undefined): string {
  if (choices === undefined || choices.includes(value)) return value;
  const allowed =
    choices.length === 1
      ? choices[0]
      : `${choices.slice(0, -1).join(', ')} or ${choices[choices.length - 1]}`;
  throw new UsageError(`${name} must be ${allowed}, got ${JSON.stringify(value)}`);
}

function readPositional(positional: PositionalSpec, text: string): string | number {
  if (positional.type === 'integer') {
    return readInteger(text, positional.name, positional.min, positional.max);
  }
  return text;
}

/** A declaration's own mistakes are the program's bugs, found the first time it runs. */
function checkSpec(spec: CommandSpec): void {
  const positionals = spec.positionals ?? [];
  const names = [...positionals.map((p) => p.name), ...Object.keys(spec.options ?? {})];
  const twice = names.find((name, i) => names.indexOf(name) !== i);
  if (twice !== undefined) throw new Error(`${spec.name}: "${twice}" is declared twice`);
  const many = positionals.findIndex((p) => p.many === true);
  if (many !== -1 && many !== positionals.length - 1) {
    throw new Error(`${spec.name}: only the last positional argument may take many values`);
  }
  for (const [name, option] of Object.entries(spec.options ?? {})) {
    const outside =
      option.type === 'integer' &&
      option.default !== undefined &&
      (option.default < option.min || option.default > option.max);
    if (outside) throw new Error(`${spec.name}: the default of --${name} is out of its range`);
  }
}
