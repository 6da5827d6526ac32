// Starts the system's Chromium (Debian's package, /usr/bin/chromium) headless through
// playwright-core, with a fresh profile and every background service that would reach the
// internet switched off.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

export const chromiumPath = '/usr/bin/chromium';

const chromiumArgs = [
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

export interface Browser extends AsyncDisposable {
  context: BrowserContext;
  close(): Promise<void>;
}

/** True when the system Chromium is installed (`apt-get install chromium`). */
export function hasChromium(): boolean {
  return existsSync(chromiumPath);
}

/**
 * Launches headless Chromium with a throwaway profile that is deleted on close.
 *
 * @example
 * await using browser = await launchChromium();
 * const page = await browser.context.newPage();
 */
export async function launchChromium(): Promise<Browser> {
  const profile = await mkdtemp(join(tmpdir(), 'netprog-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: chromiumArgs,
    viewport: { width: 1280, height: 900 },
    timeout: 30_000,
  });
  const close = async () => {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  };
  return { context, close, [Symbol.asyncDispose]: close };
}
