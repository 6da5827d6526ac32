// The examples' command-line plumbing. runMain and UsageError are the course's shared shell
// (@netprog/cli): a user's mistake becomes one line on stderr and exit code 2, no stack
// trace, as the house rules ask. This file adds the chapter's argument parsing.
import { runMain, UsageError } from '@netprog/cli';

export { runMain, UsageError };

/**
 * Splits argv into positional arguments and `--name value` / `--flag` options, refusing options
 * the example does not know (so a typo is an error, not silently ignored).
 *
 * @example
 * parseArgs(['example.test', '443', '--family', '6'], { family: 'value' })
 * // { positional: ['example.test', '443'], options: { family: '6' } }
 */
export function parseArgs(
  argv: readonly string[],
  known: Readonly<Record<string, 'value' | 'flag'>>,
): { positional: string[]; options: Record<string, string | true> } {
  const positional: string[] = [];
  const options: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const name = arg.slice(2);
    const kind = known[name];
    if (kind === undefined) {
      const list = Object.keys(known)
        .map((k) => `--${k}`)
        .join(', ');
      throw new UsageError(`unknown option ${arg}; this example knows ${list || 'no options'}`);
    }
    if (kind === 'flag') {
      options[name] = true;
      continue;
    }
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--')) throw new UsageError(`${arg} needs a value`);
    options[name] = value;
    i++;
  }
  return { positional, options };
}

/**
 * Parses a port for getaddrinfo: a number 0-65535 or a service name such as 'http'.
 *
 * @example
 * parsePort('443') // 443
 * parsePort('http') // 'http'
 */
export function parsePort(text: string): number | string {
  if (!/^\d+$/.test(text)) {
    if (/^[a-z][a-z0-9-]*$/i.test(text)) return text;
    throw new UsageError(
      `port must be a number from 0 to 65535 or a service name such as http, got ${JSON.stringify(text)}`,
    );
  }
  const port = Number(text);
  if (port > 65_535) throw new UsageError(`port must be at most 65535, got ${text}`);
  return port;
}
