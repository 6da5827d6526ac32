// Whether a test may resolve this machine's own name. The loopback guard lets dns.lookup ask only
// about 'localhost' and IP literals, because for any other name getaddrinfo may ask a DNS server
// off the machine. This machine's name is safe exactly when /etc/hosts has it and nsswitch.conf
// consults the file first: glibc then answers from the file and stops.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * null when `name` is answered from /etc/hosts alone, else the reason it is not (for a skip
 * message). Linux with glibc only: getent and nsswitch.conf are glibc's.
 *
 * @example
 * await whyOwnNameIsNotLocal('vm') // null here: /etc/hosts has "127.0.0.1 vm", nsswitch says "files ..."
 */
export async function whyOwnNameIsNotLocal(name: string): Promise<string | null> {
  if (process.platform !== 'linux') return 'getent and nsswitch.conf are glibc-only';
  const nsswitch = await readFile('/etc/nsswitch.conf', 'utf8').catch(() => '');
  const sources = /^hosts:\s*(.*)$/m.exec(nsswitch)?.[1]?.trim().split(/\s+/) ?? [];
  if (sources[0] !== 'files') {
    return `nsswitch.conf asks ${sources[0] ?? 'nothing'} before /etc/hosts, which may leave the machine`;
  }
  // -s files: ask the hosts file only, whatever nsswitch.conf lists after it.
  const inFile = await run('getent', ['-s', 'files', 'hosts', name], { timeout: 30_000 }).then(
    () => true,
    () => false,
  );
  return inFile ? null : `/etc/hosts has no line for ${name}, so a lookup would ask DNS`;
}
