// Asking the C library's own resolver (through Python) questions that only DNS can answer,
// without anything leaving the machine: in a private network namespace (only its own loopback,
// no route anywhere) whose /etc/resolv.conf points at testbed's fake DNS server on port 53.
// This is how the course checks what Python raises for NXDOMAIN and friends.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REGISTER } from '@netprog/run-ts';
import type { DnsZone } from '../dns/zone.ts';
import { linuxOnlyNote } from '../linux-only/reason.ts';

const SANDBOX_MAIN = fileURLToPath(new URL('./fake-dns-sandbox-main.ts', import.meta.url));
const TESTBED = fileURLToPath(new URL('../..', import.meta.url));
const SANDBOX_TIMEOUT_MS = 60_000;

/**
 * Why the sandbox cannot run here (Linux user and network namespaces, `unshare`, `ip`), or
 * undefined when it can.
 *
 * @example
 * if (skipWhenMissing(context, await fakeDnsSandboxUnavailable())) return;
 */
export function fakeDnsSandboxUnavailable(
  platform: string = process.platform,
): Promise<string | undefined> {
  const notLinux = linuxOnlyNote('a private network namespace: unshare -rnm, ip', platform);
  if (notLinux !== undefined) return Promise.resolve(`the fake-DNS sandbox ${notLinux}`);
  return new Promise((resolve) => {
    execFile(
      'unshare',
      ['-rnm', 'sh', '-c', 'ip link set lo up'],
      { timeout: 10_000 },
      (error, _stdout, stderr) => {
        if (error === null) resolve(undefined);
        else if ((error as NodeJS.ErrnoException).code === 'ENOENT')
          resolve('unshare is not installed');
        else
          resolve(
            `no private network namespace here (unshare -rnm): ${stderr.trim() || error.message}`,
          );
      },
    );
  });
}

/**
 * Runs a Python script in the sandbox, where the fake DNS server answers from `records` (every
 * other name: NXDOMAIN) and /etc/hosts is this machine's, and resolves with what it printed.
 * Rejects when the sandbox or the script fails.
 *
 * @example
 * await runPythonWithFakeDns('import socket\ntry: socket.gethostbyaddr("192.0.2.99")\nexcept OSError as e: print(repr(e))', {})
 * // "herror(1, 'Unknown host')\n"
 */
export async function runPythonWithFakeDns(script: string, records: DnsZone): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'netprog-sandbox-'));
  try {
    await writeFile(
      join(folder, 'resolv.conf'),
      'nameserver 127.0.0.1\noptions timeout:2 attempts:1\n',
    );
    await writeFile(join(folder, 'nsswitch.conf'), 'hosts: files dns\n');
    await writeFile(join(folder, 'zone.json'), JSON.stringify(records));
    await writeFile(join(folder, 'script.py'), script);
    const inside = [
      'set -e',
      'ip link set lo up',
      // /etc/resolv.conf may be a symlink: mounting over it mounts over its target, as wanted.
      `mount --bind "${folder}/resolv.conf" /etc/resolv.conf`,
      `mount --bind "${folder}/nsswitch.conf" /etc/nsswitch.conf`,
      `exec "${process.execPath}" --import "${REGISTER}" "${SANDBOX_MAIN}" "${folder}"`,
    ].join('\n');
    return await new Promise((resolve, reject) => {
      execFile(
        'unshare',
        ['-rnm', 'sh', '-c', inside],
        { cwd: TESTBED, timeout: SANDBOX_TIMEOUT_MS },
        (error, stdout, stderr) => {
          if (error === null) resolve(stdout);
          else reject(new Error(`the fake-DNS sandbox failed: ${stderr.trim() || error.message}`));
        },
      );
    });
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
