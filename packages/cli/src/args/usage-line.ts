// The one-line usage of a program, written from its declaration (spec.ts), so that it always
// lists exactly the arguments the parser accepts.
import type { CommandSpec, OptionSpec, PositionalSpec } from './spec.ts';

/**
 * `usage: <name> [positionals] [options]`, every part in brackets because every part is optional.
 *
 * @example
 * usageLine({
 *   name: 'pinger.ts',
 *   positionals: [{ name: 'count', type: 'integer', min: 1, max: 1000 }],
 *   options: { timeout: { type: 'integer', min: 1, max: 10_000, placeholder: 'MS' } },
 * })
 * // 'usage: pinger.ts [count] [--timeout MS]'
 */
export function usageLine(spec: CommandSpec): string {
  const positionals = (spec.positionals ?? []).map(showPositional);
  const options = Object.entries(spec.options ?? {}).map(([name, option]) =>
    showOption(name, option),
  );
  return ['usage:', spec.name, ...positionals, ...options].join(' ');
}

function showPositional(positional: PositionalSpec): string {
  const shown = positional.placeholder ?? positional.name;
  return `[${shown}${positional.many === true ? ' ...' : ''}]`;
}

function showOption(name: string, option: OptionSpec): string {
  if (option.type === 'boolean') return `[--${name}]`;
  const value =
    option.type === 'string' && option.choices !== undefined
      ? option.choices.join('|')
      : (option.placeholder ?? (option.type === 'integer' ? 'N' : 'VALUE'));
  return `[--${name} ${value}]`;
}
