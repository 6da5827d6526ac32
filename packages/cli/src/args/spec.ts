// How a program declares its command line, once: every option and positional argument with its
// type, range and default. defineCommand (define-command.ts) reads the arguments from it, and
// usage-line.ts writes the usage line from it, so the two can never disagree.

/** An option that is on or off: `--demo`. Its value is false unless given. */
export interface FlagOption {
  readonly type: 'boolean';
}

/** An option with a text value: `--dir site`, or one of a few words: `--engine net`. */
export interface TextOption {
  readonly type: 'string';
  readonly default?: string;
  /** The only values allowed; the usage line shows them as `net|tcp-handle`. */
  readonly choices?: readonly string[];
  /** How the usage line shows the value (default: VALUE). */
  readonly placeholder?: string;
}

/** An option with a whole number from `min` to `max`: `--timeout 1000`. */
export interface IntegerOption {
  readonly type: 'integer';
  readonly min: number;
  readonly max: number;
  readonly default?: number;
  /** How the usage line shows the value (default: N). */
  readonly placeholder?: string;
}

export type OptionSpec = FlagOption | TextOption | IntegerOption;

/** A positional argument: a word such as a host name or a URL. */
export interface TextPositional {
  readonly name: string;
  readonly type: 'string';
  /** How the usage line shows it (default: its name). */
  readonly placeholder?: string;
  /** Takes every remaining argument (only the last positional may). */
  readonly many?: boolean;
  /**
   * A first character that marks this argument wherever it stands, like dig's `@server`: an
   * argument starting with it is this one, and the others fill the rest in order.
   */
  readonly marker?: string;
}

/** A positional argument that is a whole number from `min` to `max`, such as a port. */
export interface IntegerPositional {
  readonly name: string;
  readonly type: 'integer';
  readonly min: number;
  readonly max: number;
  readonly placeholder?: string;
  readonly many?: boolean;
}

export type PositionalSpec = TextPositional | IntegerPositional;

/** A program's whole command line. Every positional argument is optional. */
export interface CommandSpec {
  /** The program as the user runs it, e.g. 'pinger.ts': the usage line starts with it. */
  readonly name: string;
  readonly positionals?: readonly PositionalSpec[];
  /** By long name, without the dashes: `{ timeout: {...} }` is `--timeout`. */
  readonly options?: Readonly<Record<string, OptionSpec>>;
}

/** What an option reads as: a flag is a boolean; a value without a default may be undefined. */
type OptionValue<O> = O extends FlagOption
  ? boolean
  : O extends { readonly choices: readonly (infer Choice)[] }
    ? O extends { readonly default: string }
      ? Choice
      : Choice | undefined
    : O extends { readonly type: 'integer' }
      ? O extends { readonly default: number }
        ? number
        : number | undefined
      : O extends { readonly default: string }
        ? string
        : string | undefined;

/** What a positional reads as: a list for `many`, else one value or undefined. */
type PositionalValue<P> = P extends { readonly type: 'integer' }
  ? P extends { readonly many: true }
    ? number[]
    : number | undefined
  : P extends { readonly many: true }
    ? string[]
    : string | undefined;

/**
 * The parsed arguments of a command declared as `S`: one property per option and per positional,
 * typed from the declaration (`{ count: number | undefined; seed: number; demo: boolean }`).
 */
export type ParsedArgs<S extends CommandSpec> = {
  -readonly [K in keyof NonNullable<S['options']>]: OptionValue<NonNullable<S['options']>[K]>;
} & {
  -readonly [P in NonNullable<S['positionals']>[number] as P['name']]: PositionalValue<P>;
};
