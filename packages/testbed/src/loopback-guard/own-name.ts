// This machine's own name (os.hostname()) is the one name besides 'localhost' the guard lets
// dns.lookup ask about, and only where the answer provably comes from a file: glibc's
// getaddrinfo consults the sources on the `hosts:` line of /etc/nsswitch.conf in order and stops
// at the first that knows the name. When that line starts with `files` and /etc/hosts lists the
// name, the answer comes from /etc/hosts and no DNS server is asked.
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { hostname } from 'node:os';

/** Whether, and for which address families, /etc/hosts alone answers this machine's name. */
export type OwnNameAnswer =
  | {
      readonly local: true;
      readonly name: string;
      /** The families /etc/hosts lists the name for: a lookup of another family goes on to DNS. */
      readonly families: ReadonlySet<4 | 6>;
      /** The addresses /etc/hosts gives for it (their reverse lookups are answered there too). */
      readonly addresses: ReadonlySet<string>;
    }
  | { readonly local: false; readonly name: string; readonly reason: string };

/**
 * The pure rule, fed the two files' contents: `name` is answered locally when the first source
 * on nsswitch.conf's `hosts:` line is `files` (not followed by an action that goes on after a
 * success, `[SUCCESS=continue]`) and a line of /etc/hosts lists it. Names compare
 * case-insensitively, as glibc compares them; comments (`#`) are ignored.
 *
 * @example
 * ownNameAnswer('vm', '127.0.0.1 localhost\n127.0.0.1 vm\n', 'hosts: files dns\n')
 * // { local: true, name: 'vm', families: Set {4}, addresses: Set {'127.0.0.1'} }
 * ownNameAnswer('vm', '127.0.0.1 vm\n', 'hosts: resolve files\n').local // false: resolve asks first
 */
export function ownNameAnswer(
  name: string,
  hostsFile: string,
  nsswitchConf: string,
): OwnNameAnswer {
  const refused = (reason: string): OwnNameAnswer => ({ local: false, name, reason });
  if (name === '') return refused('this machine has no name');
  const hostsLine = /^hosts:(.*)$/m.exec(withoutComments(nsswitchConf))?.[1] ?? '';
  const first = fields(hostsLine)[0];
  if (first === undefined) {
    return refused('/etc/nsswitch.conf has no hosts: line, so which source answers is unknown');
  }
  if (first !== 'files') return refused(`/etc/nsswitch.conf asks ${first} before /etc/hosts`);
  // An action right after files ([NOTFOUND=return], say) only matters if it changes SUCCESS.
  const action = /^\s*files\s*(\[[^\]]*\])/.exec(hostsLine)?.[1];
  if (action !== undefined && /success/i.test(action)) {
    return refused(`/etc/nsswitch.conf says ${action} after files, so a lookup may go on`);
  }
  const families = new Set<4 | 6>();
  const addresses = new Set<string>();
  for (const line of withoutComments(hostsFile).split('\n')) {
    const [address = '', ...names] = fields(line);
    const family = isIP(address);
    if (family === 0 || !names.some((one) => one.toLowerCase() === name.toLowerCase())) continue;
    families.add(family === 4 ? 4 : 6);
    addresses.add(address);
  }
  if (families.size === 0) return refused(`/etc/hosts has no line for ${name}`);
  return { local: true, name, families, addresses };
}

/**
 * The I/O shell: reads /etc/hosts and /etc/nsswitch.conf and applies ownNameAnswer to this
 * machine's name. Linux only: nsswitch.conf is glibc's, and elsewhere the guard cannot tell what
 * the system resolver asks.
 *
 * @example
 * readOwnNameAnswer() // here: { local: true, name: 'vm', families: Set {4}, ... }
 */
export function readOwnNameAnswer(name: string = hostname()): OwnNameAnswer {
  if (process.platform !== 'linux') {
    return {
      local: false,
      name,
      reason: `on ${process.platform} the system resolver does not follow /etc/nsswitch.conf`,
    };
  }
  const read = (path: string): string => {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return '';
    }
  };
  return ownNameAnswer(name, read('/etc/hosts'), read('/etc/nsswitch.conf'));
}

function withoutComments(text: string): string {
  return text.replace(/#.*$/gm, '');
}

function fields(line: string): string[] {
  return line
    .trim()
    .split(/\s+/)
    .filter((field) => field !== '');
}
