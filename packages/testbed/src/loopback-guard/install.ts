// Installing the guard once per process, and taking it out again.
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';
import { guardDgram } from './guard-dgram.ts';
import { guardDns } from './guard-dns.ts';
import { guardNetConnect } from './guard-net.ts';
import { guardTcpHandles } from './guard-tcp-handle.ts';
import { guardWorkers } from './guard-workers.ts';

/**
 * Where the installed guard remembers itself. It hangs off a built-in prototype, which every
 * copy of this module in the process shares (test runners may load this file more than once),
 * so a second install finds the first.
 */
const INSTALLED = Symbol.for('netprog.loopbackGuard.uninstall');
type Marked = { [INSTALLED]?: () => void };

/**
 * Makes every TCP connect, UDP send/connect and DNS query in this process that would leave the
 * machine fail at once with a LoopbackGuardError (code 'ENETUNREACH_GUARD') naming the address,
 * and every worker thread started from now on load the guard too. Installing twice changes
 * nothing and returns the same uninstall function.
 *
 * What it cannot see: other processes (a child started with child_process is not guarded unless
 * it loads the guard too, e.g. `node --import tsx --import <path>/setup.ts`), native addons, and
 * Node's internal bindings other than tcp_wrap (see the README's "Doors that stay open").
 *
 * @example
 * const uninstall = installLoopbackGuard();
 * net.connect(80, '192.0.2.1').on('error', (e) => console.log(e.message)); // loopback guard: refused TCP connect to 192.0.2.1:80 ...
 * uninstall();
 */
export function installLoopbackGuard(): () => void {
  const marked = net.Socket.prototype as Marked;
  const existing = marked[INSTALLED];
  if (existing !== undefined) return existing;
  const restores = [guardNetConnect(), guardTcpHandles(), guardDgram(), guardDns(), guardWorkers()];
  // `import { lookup } from 'node:dns'` reads a separate ESM copy of the exports: refresh it.
  syncBuiltinESMExports();
  const uninstall = (): void => {
    if (marked[INSTALLED] !== uninstall) return;
    for (const restore of restores.reverse()) restore();
    delete marked[INSTALLED];
    syncBuiltinESMExports();
  };
  marked[INSTALLED] = uninstall;
  return uninstall;
}

/**
 * True while the guard is installed in this process.
 *
 * @example
 * isLoopbackGuardInstalled() // true inside any vitest run of this repo
 */
export function isLoopbackGuardInstalled(): boolean {
  return (net.Socket.prototype as Marked)[INSTALLED] !== undefined;
}
