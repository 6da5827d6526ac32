// gethostname and getfqdn: this machine's name, and the fully qualified form of a name.
import os from 'node:os';
import { gethostbyaddr } from './host-entry.ts';
import { GaiError } from './resolution-error.ts';
import type { ResolutionOptions } from './types.ts';

/**
 * This machine's host name: Python's `socket.gethostname`, Node's `os.hostname()` (both call
 * uname(2) / gethostname(2)). Synchronous, like the C call: it asks the kernel, not the network.
 * It is only the computer's name, not necessarily a fully qualified one: see `getfqdn`.
 *
 * @example
 * gethostname() // 'vm' (the same as running `hostname` in a shell)
 */
export function gethostname(): string {
  return os.hostname();
}

/**
 * A fully qualified domain name for `name` (default: this machine), by CPython's own rule:
 *
 * 1. An empty name, '0.0.0.0' or '::' means this machine: `gethostname()`.
 * 2. `gethostbyaddr(name)` gives a host name and aliases; the first of them containing a dot wins.
 * 3. If none contains a dot, the host name from gethostbyaddr is returned, NOT the one from
 *    gethostname (Python's docs say otherwise; its code does this, and so do we).
 * 4. If gethostbyaddr fails, `name` comes back unchanged (after step 1).
 *
 * On a machine whose /etc/hosts says `127.0.0.1 localhost` first, step 3 makes
 * `getfqdn()` answer 'localhost', in Python too.
 *
 * @example
 * await getfqdn('127.0.0.1')      // 'localhost' here (no dotted name in /etc/hosts)
 * await getfqdn('web.test', { resolver }) // the first dotted PTR name of web.test's address
 */
// #region getfqdn
export async function getfqdn(name = '', options: ResolutionOptions = {}): Promise<string> {
  let target = name.trim();
  if (target === '' || target === '0.0.0.0' || target === '::') target = gethostname();
  let entry: Awaited<ReturnType<typeof gethostbyaddr>>;
  try {
    entry = await gethostbyaddr(target, options);
  } catch (error) {
    // Python catches OSError (any resolution failure) here; a bug in our code still throws.
    if (error instanceof GaiError) return target;
    throw error;
  }
  const [hostname, aliases] = entry;
  return [hostname, ...aliases].find((candidate) => candidate.includes('.')) ?? hostname;
}
// #endregion getfqdn
