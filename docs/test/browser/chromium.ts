// Starts the system's Chromium (Debian's package, /usr/bin/chromium) headless through
// playwright-core, with a fresh profile and every background service that would reach the
// internet switched off. Every request for a host other than 127.0.0.1 goes to a loopback
// server of the caller's as a proxy (the test's own static server, which refuses it), so none
// leaves the machine, IP literals included (and Chromium's own background requests, such as
// accounts.google.com, end there too). This replaced intercepting every request in Node
// (Playwright's `route`), which paused each one for a round trip to this process and turned
// the browser's HTTP cache off: the browser test took about 15% more CPU with it.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

export const chromiumPath = '/usr/bin/chromium';

const baseArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Every host name fails at once, without a DNS query: the site is served on 127.0.0.1, and
  // without this Chromium's own resolver asked the system's DNS server (seen with strace, in
  // `pnpm loopback:trace docs`). What remains is its IPv6 reachability probe, a UDP connect to
  // 2001:4860:4860::8888 that sends nothing.
  '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
];

/**
 * Chromium's command line: `proxy` (a loopback URL) answers every request for another host.
 *
 * @example
 * chromiumArgs('http://127.0.0.1:41234').includes('--proxy-bypass-list=127.0.0.1') // true
 */
export function chromiumArgs(proxy: string): string[] {
  const { hostname, protocol } = new URL(proxy);
  if (protocol !== 'http:' || hostname !== '127.0.0.1') {
    throw new Error(`launchChromium: the proxy must be an http server on 127.0.0.1, not ${proxy}`);
  }
  return [...baseArgs, `--proxy-server=${proxy}`, '--proxy-bypass-list=127.0.0.1'];
}

export interface Browser extends AsyncDisposable {
  context: BrowserContext;
  close(): Promise<void>;
}

/** True when the system Chromium is installed (`apt-get install chromium`). */
export function hasChromium(): boolean {
  return existsSync(chromiumPath);
}

/**
 * Launches headless Chromium with a throwaway profile that is deleted on close; requests for
 * any host but 127.0.0.1 go to `proxy` (see chromiumArgs).
 *
 * @example
 * await using site = await serveStatic(dist);
 * await using browser = await launchChromium(site.url);
 * const page = await browser.context.newPage();
 */
export async function launchChromium(proxy: string): Promise<Browser> {
  const args = chromiumArgs(proxy);
  const profile = await mkdtemp(join(tmpdir(), 'netprog-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args,
    viewport: { width: 1280, height: 900 },
    timeout: 30_000,
  });
  const close = async () => {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  };
  return { context, close, [Symbol.asyncDispose]: close };
}
