// The built site, as a reader sees it: served on loopback, opened in headless Chromium, every
// page visited. A page passes when it loads without console errors or failed requests, shows
// what its markdown promises (code, recorded outputs, rendered diagrams), and links to the
// previous and next page in reading order. Screenshots land in test/screenshots/ (git-ignored).
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chapters, sidebarRoutes } from '../.vitepress/site-map.ts';
import { type Browser, chromiumPath, hasChromium, launchChromium } from './browser/chromium.ts';
import { type StaticSite, serveStatic } from '../scripts/static-server.ts';
import { findSnippets } from './embeds/embed-syntax.ts';
import { scanSite } from './embeds/scan-site.ts';

const docsRoot = fileURLToPath(new URL('..', import.meta.url));
const dist = join(docsRoot, '.vitepress', 'dist');
const screenshots = join(docsRoot, 'test', 'screenshots');
const inCi = process.env.CI === 'true';
const routes = sidebarRoutes();
const scan = scanSite(docsRoot);

if (!hasChromium() && !inCi) {
  console.warn(
    `Skipping the browser test: ${chromiumPath} is missing. Install it with ` +
      '`sudo apt-get install chromium` (Debian/Ubuntu) to run it; in CI it is required.',
  );
}

describe.runIf(!hasChromium() && inCi)('the browser test in CI', () => {
  it('needs Chromium', () => {
    throw new Error(
      `${chromiumPath} is missing, and CI=true: install Debian's chromium package in .ci/run.`,
    );
  });
});

/** What a page's markdown (with everything it includes) says the reader should see. */
interface Expected {
  codeBlocks: number;
  outputs: number;
  diagrams: number;
  socketCoreBadges: number;
  notWrittenYet: boolean;
}

function expectedFor(route: string): Expected {
  const file = join(docsRoot, route.endsWith('/') ? `${route}index.md` : `${route}.md`);
  const parts = scan.sources.get(file);
  if (parts === undefined) throw new Error(`No page file ${file} for sidebar route ${route}.`);
  const count = (pattern: RegExp) => parts.reduce((n, t) => n + (t.match(pattern)?.length ?? 0), 0);
  return {
    codeBlocks: parts.reduce((n, t) => n + findSnippets(t).length, 0),
    outputs: count(/^\s*:::\s*info\s+Output\b/gim),
    diagrams: count(/^\s*```mermaid\s*$/gm),
    socketCoreBadges: count(/<InSocketCore\b/g),
    notWrittenYet: count(/^\s*:::\s*warning\s+Not written yet/gm) > 0,
  };
}

/** Fails when a page or an embedded file changed after the last build: we would test an old site. */
function assertBuildIsFresh(): void {
  const built = join(dist, 'index.html');
  let builtAt: number;
  try {
    builtAt = statSync(built).mtimeMs;
  } catch {
    throw new Error(
      `No built site at ${built}. Run \`pnpm docs:build\` first (turbo runs it before this test).`,
    );
  }
  const config = readdirSync(join(docsRoot, '.vitepress'), { recursive: true, encoding: 'utf8' })
    .filter((f) => !f.startsWith('dist') && !f.startsWith('cache') && /\.(ts|css)$/.test(f))
    .map((f) => join(docsRoot, '.vitepress', f));
  const assets = readdirSync(join(docsRoot, 'public')).map((f) => join(docsRoot, 'public', f));
  const inputs = [...scan.pages, ...scan.embeds.map((e) => e.target), ...config, ...assets];
  const newer = inputs.filter((file) => {
    try {
      return statSync(file).mtimeMs > builtAt;
    } catch {
      return false;
    }
  });
  if (newer.length > 0) {
    throw new Error(
      `The built site is older than ${newer.slice(0, 3).join(', ')}` +
        `${newer.length > 3 ? ` and ${newer.length - 3} more` : ''}. Run \`pnpm docs:build\` again.`,
    );
  }
}

describe.runIf(hasChromium())('the built site in Chromium', () => {
  let site: StaticSite | undefined;
  let browser: Browser | undefined;
  let page: Page;
  /** Everything that went wrong while the current page loaded. */
  let trouble: string[] = [];

  beforeAll(async () => {
    assertBuildIsFresh();
    mkdirSync(screenshots, { recursive: true });
    site = await serveStatic(dist);
    browser = await launchChromium();
    // Nothing may leave this machine: any request that is not to our own server fails the page.
    await browser.context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.hostname === '127.0.0.1') return route.continue();
      trouble.push(`blocked a request off the machine: ${url.href}`);
      return route.abort('blockedbyclient');
    });
    page = await browser.context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') trouble.push(`console error: ${message.text()}`);
    });
    page.on('pageerror', (error) => trouble.push(`uncaught: ${error.message}`));
    page.on('requestfailed', (request) => {
      const why = request.failure()?.errorText ?? 'unknown';
      // VitePress prefetches the pages that links point to; leaving the page cancels those
      // (net::ERR_ABORTED). A cancelled request is not a broken one: a missing file still
      // shows up below as an HTTP 404, and a blocked one as ERR_BLOCKED_BY_CLIENT.
      if (why === 'net::ERR_ABORTED') return;
      trouble.push(`request failed: ${request.url()} (${why})`);
    });
    page.on('response', (response) => {
      if (response.status() >= 400) trouble.push(`HTTP ${response.status()}: ${response.url()}`);
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
  }, 30_000);

  /** Saves a viewport screenshot, first scrolling `target` (with the code above it) into view. */
  async function shoot(file: string, target?: Locator): Promise<void> {
    if (target !== undefined) {
      await target.evaluate((element) => {
        element.scrollIntoView({ block: 'start' });
        window.scrollBy(0, -280);
      });
    }
    await page.screenshot({
      path: join(screenshots, file),
      animations: 'disabled',
      timeout: 60_000,
    });
  }

  /** Opens a route and waits until its diagrams have rendered. */
  async function open(route: string, diagrams = 0): Promise<void> {
    trouble = [];
    await page.goto(`${site?.url}${route}`, { waitUntil: 'load', timeout: 60_000 });
    await page.locator('#app .Layout').waitFor({ timeout: 15_000 });
    // The server-rendered HTML is on screen before Vue has hydrated it; until then buttons such
    // as search and dark mode do nothing when clicked. Vue marks the mounted container.
    await page.waitForFunction(
      () => (document.querySelector('#app') as { __vue_app__?: unknown } | null)?.__vue_app__,
      undefined,
      { timeout: 60_000 },
    );
    if (diagrams > 0) {
      await page.waitForFunction(
        (n) => document.querySelectorAll('.vp-doc .mermaid-diagram svg').length >= n,
        diagrams,
        { timeout: 60_000 },
      );
    }
  }

  it('shows the home page: hero, the six chapters and the labs', { timeout: 120_000 }, async () => {
    await open('/');
    await expect.poll(() => page.locator('.VPHero .name').textContent()).toContain('netprog');
    const features = page.locator('.VPFeatures a.VPFeature');
    expect(await features.count()).toBe(chapters.length);
    expect(await page.locator('.vp-doc a[href*="labs/chapter"]').count()).toBe(chapters.length);
    await page.screenshot({ path: join(screenshots, 'home.png'), fullPage: true, timeout: 60_000 });
    expect(trouble).toEqual([]);
  });

  it.each(routes.map((route, index) => ({ route, index })))(
    '$route loads cleanly, shows what its markdown promises, and links prev/next',
    { timeout: 150_000 },
    async ({ route, index }) => {
      const want = expectedFor(route);
      await open(route, want.diagrams);
      const doc = page.locator('.VPDoc .vp-doc');
      await doc.waitFor();
      expect(await doc.locator('h1').count(), 'every page has one title').toBe(1);

      const codeBlocks = await doc.locator('div[class*="language-"]').count();
      const outputs = doc.locator('.custom-block[data-cell="output"]');
      const diagrams = doc.locator('.mermaid-diagram svg');
      expect(codeBlocks).toBeGreaterThanOrEqual(want.codeBlocks);
      expect(await outputs.count()).toBe(want.outputs);
      for (const text of await outputs.locator('pre').allInnerTexts()) {
        expect(text.trim(), 'a recorded output is never empty').not.toBe('');
      }
      expect(await diagrams.count()).toBe(want.diagrams);
      // Mermaid draws a parse error as an SVG, not as a console error: look for one anywhere.
      expect(await page.locator('svg[aria-roledescription="error"]').count()).toBe(0);
      expect(await doc.locator('[data-socket-core]').count()).toBe(want.socketCoreBadges);

      if (route.startsWith('/chapters/')) {
        if (want.notWrittenYet) {
          // An unwritten chapter says so plainly and shows nothing posing as content.
          await expect
            .poll(() =>
              doc.locator('.custom-block.warning .custom-block-title').first().textContent(),
            )
            .toMatch(/not written yet/i);
          expect(await outputs.count()).toBe(0);
        } else {
          expect(codeBlocks, 'a written chapter embeds its code').toBeGreaterThan(0);
          expect(await outputs.count(), 'and shows what that code printed').toBeGreaterThan(0);
        }
      }

      const pager = async (which: 'prev' | 'next') => {
        const link = page.locator(`.VPDocFooter .pager-link.${which}`);
        if ((await link.count()) === 0) return null;
        return new URL((await link.getAttribute('href')) ?? '', site?.url).pathname;
      };
      expect(await pager('prev')).toBe(routes[index - 1] ?? null);
      expect(await pager('next')).toBe(routes[index + 1] ?? null);

      // Viewport shots, not full-page ones: a chapter is tens of thousands of pixels tall, and
      // capturing all of it takes longer than the test should.
      if (route === '/chapters/03-client') {
        await shoot('chapter-3.png');
        if (want.outputs > 0) await shoot('chapter-3-output-cell.png', outputs.first());
      }
      if (route === '/concepts') await shoot('concepts.png', diagrams.first());
      expect(trouble).toEqual([]);
    },
  );

  it('switches to dark mode and back, re-rendering the diagrams', {
    timeout: 120_000,
  }, async () => {
    const want = expectedFor('/concepts');
    await open('/concepts', want.diagrams);
    const isDark = () => page.evaluate(() => document.documentElement.classList.contains('dark'));
    const toggle = page.locator('.VPNavBarAppearance button.VPSwitchAppearance');
    const before = await isDark();
    await toggle.click();
    await expect.poll(isDark).toBe(!before);
    await page.waitForFunction(
      (n) => document.querySelectorAll('.vp-doc .mermaid-diagram svg').length >= n,
      want.diagrams,
    );
    if (!before)
      await shoot('concepts-dark.png', page.locator('.vp-doc .mermaid-diagram svg').first());
    await toggle.click();
    await expect.poll(isDark).toBe(before);
    expect(trouble).toEqual([]);
  });

  it('finds pages with the local search', { timeout: 120_000 }, async () => {
    await open('/start');
    await page.locator('.VPNavBarSearch button').click();
    const input = page.locator('#localsearch-input');
    await input.waitFor();
    await input.fill('handshake');
    const results = page.locator('.VPLocalSearchBox .results a.result');
    await expect.poll(() => results.count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const hrefs = await results.evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(hrefs.some((href) => href?.startsWith('/concepts'))).toBe(true);
    await page.keyboard.press('Escape');
    expect(trouble).toEqual([]);
  });
});
