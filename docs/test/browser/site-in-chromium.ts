// The built site, as a reader sees it: served on loopback, opened in headless Chromium, every
// page visited. A page passes when it loads without console errors or failed requests, shows
// what its markdown promises (code, recorded outputs, rendered diagrams), links to the
// previous and next page in reading order, and is readable: at 1280 px no code or output line
// is cut off, no table hides a column, no two diagram labels overlap and every listing is
// titled; at 390 px the page never scrolls sideways and diagram labels stay readable.
// Screenshots land in test/screenshots/ (git-ignored), with the list of code and output lines
// too long for the column (shown wrapped) for whoever reformats the examples.
//
// The pages are checked in two halves, each by a test file of its own (browser-first-half and
// browser-second-half) with its own Chromium: vitest runs the two files side by side. One
// Chromium drives one page at a time, using about one core and a half; the browser test is the
// last task of `pnpm test` and used to run alone on a two-core machine for its last 20 s.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findSnippets } from '../../.vitepress/embed-syntax.ts';
import { maxOpenLines } from '../../.vitepress/listings.ts';
import { pageSourceFile, repository, sourceUrl } from '../../.vitepress/repository.ts';
import { chapterRoute, chapters, labRoute, sidebarRoutes } from '../../.vitepress/site-map.ts';
import { readablePx } from '../../.vitepress/theme/diagram-frame.ts';
import { type StaticSite, serveStatic } from '../../scripts/static-server.ts';
import { scanSite } from '../embeds/scan-site.ts';
import { type Browser, chromiumPath, hasChromium, launchChromium } from './chromium.ts';
import {
  type CodeLineFinding,
  measureCode,
  measureDiagrams,
  measureSidewaysScroll,
  measureTables,
} from './layout-checks.ts';

const docsRoot = fileURLToPath(new URL('../..', import.meta.url));
const dist = join(docsRoot, '.vitepress', 'dist');
const screenshots = join(docsRoot, 'test', 'screenshots');
const inCi = process.env.CI === 'true';
const routes = sidebarRoutes();
const scan = scanSite(docsRoot);
const desktop = { width: 1280, height: 900 };
const phone = { width: 390, height: 844 };
/** The smallest diagram label allowed, in CSS px: the frame's target, less rounding. */
const minLabelPx = readablePx - 1;
/** The page that shows every chapter and lab again, for printing. */
const printRoute = '/print';
/** Pages whose screenshots are saved at both widths, and under which name. */
const screenshotPages: Record<string, string> = {
  '/chapters/03-client': 'chapter-3',
  '/labs/chapter3': 'lab-3',
};

if (!hasChromium() && !inCi) {
  console.warn(
    `Skipping the browser test: ${chromiumPath} is missing. Install it with ` +
      '`sudo apt-get install chromium` (Debian/Ubuntu) to run it; in CI it is required.',
  );
}

/** What a page's markdown (with everything it includes) says the reader should see. */
interface Expected {
  codeBlocks: number;
  /** Code embedded from files, outside output cells: each one must be a titled listing. */
  listings: number;
  outputs: number;
  diagrams: number;
  socketCoreBadges: number;
  notWrittenYet: boolean;
}

/**
 * How many `<<<` embeds of `text` are listings, i.e. neither inside a `::: info Output` cell nor
 * a tab of a `::: code-group` (a Python | TypeScript pair: VitePress's own tabbed blocks).
 *
 * @example
 * countListings('<<< @/a.ts\n::: info Output (recorded)\n<<< @/a.txt\n:::') // 1
 */
function countListings(text: string): number {
  const lines = text.split(/\r?\n/);
  return findSnippets(text).filter((snippet) => {
    let inOutput = false;
    let inTabs = false;
    for (const line of lines.slice(0, snippet.line - 1)) {
      if (/^\s*:{3,}\s*info\s+Output\b/i.test(line)) inOutput = true;
      else if (/^\s*:{3,}\s*code-group\b/.test(line)) inTabs = true;
      else if (/^\s*:{3,}\s*$/.test(line)) {
        if (inTabs) inTabs = false;
        else inOutput = false;
      }
    }
    return !inOutput && !inTabs;
  }).length;
}

/** The page file of a route, relative to docs/: '/labs/' is 'labs/index.md'. */
function pageFile(route: string): string {
  return route.endsWith('/') ? `${route.slice(1)}index.md` : `${route.slice(1)}.md`;
}

function expectedFor(route: string): Expected {
  // The print page shows every chapter and lab page again, in reading order.
  if (route === printRoute) {
    const parts = chapters.flatMap((c) => [chapterRoute(c), labRoute(c)]).map(expectedFor);
    const sum = (get: (e: Expected) => number) => parts.reduce((n, e) => n + get(e), 0);
    return {
      codeBlocks: sum((e) => e.codeBlocks),
      listings: sum((e) => e.listings),
      outputs: sum((e) => e.outputs),
      diagrams: sum((e) => e.diagrams),
      socketCoreBadges: sum((e) => e.socketCoreBadges),
      notWrittenYet: false,
    };
  }
  const file = join(docsRoot, pageFile(route));
  const parts = scan.sources.get(file);
  if (parts === undefined) throw new Error(`No page file ${file} for sidebar route ${route}.`);
  const count = (pattern: RegExp) => parts.reduce((n, t) => n + (t.match(pattern)?.length ?? 0), 0);
  return {
    codeBlocks: parts.reduce((n, t) => n + findSnippets(t).length, 0),
    listings: parts.reduce((n, t) => n + countListings(t), 0),
    outputs: count(/^\s*:{3,}\s*info\s+Output\b/gim),
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

/** Which pages a test file checks: the home page and those before the middle chapter's, or the rest. */
export type Half = 'first' | 'second';

/** Where the second half starts: the middle chapter's page, in reading order. */
const middleChapter = chapters[Math.floor(chapters.length / 2)];
const middle =
  middleChapter === undefined ? routes.length : routes.indexOf(chapterRoute(middleChapter));
if (middle <= 0) {
  throw new Error(
    `The sidebar has no page for chapter ${middleChapter?.number}, where the browser test splits the site in two.`,
  );
}

/**
 * Declares the browser tests of one half of the site; call it at the top level of a test file.
 * @example
 * describeSiteInChromium('first'); // test/browser-first-half.test.ts
 */
export function describeSiteInChromium(half: Half): void {
  const inHalf = (index: number) => (half === 'first' ? index < middle : index >= middle);
  if (half === 'first') {
    describe.runIf(!hasChromium() && inCi)('the browser test in CI', () => {
      it('needs Chromium', () => {
        throw new Error(
          `${chromiumPath} is missing, and CI=true: install Debian's chromium package in .ci/run.`,
        );
      });
    });
  }

  describe.runIf(hasChromium())(`the built site in Chromium, ${half} half`, () => {
    let site: StaticSite | undefined;
    let browser: Browser | undefined;
    let page: Page;
    /** Everything that went wrong while the current page loaded. */
    let trouble: string[] = [];

    beforeAll(async () => {
      assertBuildIsFresh();
      mkdirSync(screenshots, { recursive: true });
      site = await serveStatic(dist);
      // Nothing may leave this machine: Chromium sends any request for another host to our own
      // server, which refuses it (chromium.ts), and the page fails.
      browser = await launchChromium(site.url);
      browser.context.on('request', (request) => {
        const url = new URL(request.url());
        if (url.hostname !== '127.0.0.1') trouble.push(`a request off the machine: ${url.href}`);
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

    /** Code and output lines too long for the column, page by page (they wrap instead). */
    const wrapped = new Map<string, CodeLineFinding[]>();

    afterAll(async () => {
      await browser?.close();
      await site?.close();
      // For whoever reformats the examples to a line width: every line that had to wrap.
      const report = [...wrapped].flatMap(([route, lines]) =>
        lines.map((l) => `${route}\t${l.block}\t${l.line.length}\t${l.line}`),
      );
      if (wrapped.size > 0) {
        writeFileSync(
          join(screenshots, `wrapped-lines-${half}-half.tsv`),
          `${report.join('\n')}\n`,
        );
        console.info(
          `${report.length} code and output lines are wider than the column at 1280 px and wrap; ` +
            `test/screenshots/wrapped-lines-${half}-half.tsv lists them.`,
        );
      }
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

    /** Resizes the window and waits until the page has been laid out again. */
    async function resize(size: { width: number; height: number }): Promise<void> {
      await page.setViewportSize(size);
      await page.evaluate(
        () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
      );
    }

    /**
     * The route the last test left on screen, clean: set by a test's last line (leaveOpen), so
     * only when every check before it passed. A follow-up test on the same page (the lab's hints,
     * a diagram enlarged, dark mode, search) goes on from there instead of loading the page again:
     * the route's own test has just proved that it loads cleanly. About a third of this file's
     * Chromium time was those second loads.
     */
    let leftOpen: string | undefined;

    /** Marks `route` as on screen and clean, for the next test (see leftOpen). */
    function leaveOpen(route: string): void {
      leftOpen = route;
    }

    /** Opens a route (unless the last test left it open and clean) and waits until its diagrams have rendered. */
    async function open(route: string, diagrams = 0): Promise<void> {
      trouble = [];
      const onScreen = leftOpen === route;
      leftOpen = undefined;
      if (onScreen) return;
      await page.goto(`${site?.url}${route}`, { waitUntil: 'load', timeout: 60_000 });
      await page.locator('#app .Layout').waitFor({ timeout: 15_000 });
      // The server-rendered HTML is on screen before Vue has hydrated it; until then buttons such
      // as search and dark mode do nothing when clicked. Vue marks the mounted container.
      await page.waitForFunction(
        () => (document.querySelector('#app') as { __vue_app__?: unknown } | null)?.__vue_app__,
        undefined,
        { timeout: 60_000 },
      );
      if (route === printRoute) {
        // The print page loads every chapter and lab page after it has opened.
        await page.waitForFunction(
          (n) => document.querySelectorAll('.whole-course-part').length >= n,
          chapters.length * 2,
          { timeout: 60_000 },
        );
      }
      if (diagrams > 0) {
        await page.waitForFunction(
          (n) => document.querySelectorAll('.vp-doc .mermaid-diagram svg').length >= n,
          diagrams,
          { timeout: 60_000 },
        );
      }
    }

    /** The home page: the hero, a card per chapter, the labs, and the link to the source. */
    async function checkHome(): Promise<void> {
      await resize(desktop);
      await open('/');
      await expect.poll(() => page.locator('.VPHero .name').textContent()).toContain('netprog');
      const features = page.locator('.VPFeatures a.VPFeature');
      expect(await features.count()).toBe(chapters.length);
      expect(await features.locator('.title').allInnerTexts()).toEqual(
        chapters.map((c) => `${c.number}. ${c.title}`),
      );
      expect(await page.locator('.vp-doc a[href*="labs/chapter"]').count()).toBe(chapters.length);
      // The nav links to the source, built from the one repository URL.
      const source = page.locator(`.VPNavBar .VPSocialLinks a[href="${repository.url}"]`);
      await expect.poll(() => source.first().isVisible()).toBe(true);
      await page.screenshot({
        path: join(screenshots, 'home-1280.png'),
        fullPage: true,
        timeout: 60_000,
      });
      await resize(phone);
      expect(await measureSidewaysScroll(page)).toEqual({ overflowPx: 0, culprits: [] });
      await page.screenshot({
        path: join(screenshots, 'home-390.png'),
        fullPage: true,
        timeout: 60_000,
      });
      await resize(desktop);
      expect(trouble).toEqual([]);
    }

    /**
     * A page that asks for another host gets nothing from it: the request reaches our own server
     * instead (the proxy for every host but 127.0.0.1), which refuses it, and the page fails.
     * The host is a name under .invalid, which no resolver answers, so that even a broken proxy
     * sends nothing off the machine (host-resolver-rules fails every name first).
     */
    async function checkOffMachine(): Promise<void> {
      await open('/');
      const asked = [
        'http://netprog-off-machine.invalid/probe',
        'https://netprog-off-machine.invalid/probe',
      ];
      const outcomes = await page.evaluate(
        (urls) =>
          Promise.all(
            urls.map((url) =>
              fetch(url, { mode: 'no-cors' }).then(
                () => 'answered',
                () => 'failed',
              ),
            ),
          ),
        asked,
      );
      // The HTTP request is answered by our server's refusal (403, opaque to the page); the
      // HTTPS one fails at the tunnel our server refused.
      expect(outcomes).toEqual(['answered', 'failed']);
      // The two go at once, so either may arrive first; Chromium's own background requests
      // (accounts.google.com, for one) are refused there too, at any time.
      const ours = site?.refused.filter((target) => target.includes('netprog-off-machine.invalid'));
      expect(ours?.sort()).toEqual([asked[0], 'netprog-off-machine.invalid:443'].sort());
      expect(trouble).toEqual(
        expect.arrayContaining(asked.map((url) => `a request off the machine: ${url}`)),
      );
      expect(trouble).toContain(`HTTP 403: ${asked[0]}`);
      // Not left open (leaveOpen): the next test loads its page again, with no trouble.
      trouble = [];
    }

    if (half === 'first') {
      it(
        'shows the home page: hero, the six chapters and the labs',
        { timeout: 120_000 },
        checkHome,
      );
      it(
        'sends nothing off the machine: a request for another host reaches our server, which refuses it',
        { timeout: 60_000 },
        checkOffMachine,
      );
    }

    /** A route's own test: loads cleanly, shows what its markdown promises, links prev/next, fits. */
    async function checkRoute(route: string, index: number): Promise<void> {
      const want = expectedFor(route);
      await resize(desktop);
      await open(route, want.diagrams);
      const doc = page.locator('.VPDoc .vp-doc');
      await doc.waitFor();
      const titles = route === printRoute ? 1 + chapters.length * 2 : 1;
      expect(await doc.locator('h1').count(), 'every page has one title').toBe(titles);

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

      // Every embedded file is a listing titled with its path, linked to it in the repository;
      // any other code block is a shell command. No listing shows more than maxOpenLines open.
      const listings = doc.locator('figure.listing[data-listing]');
      expect(await listings.count(), 'every embedded file is a listing').toBe(want.listings);
      const listingTitles = await listings.evaluateAll((figures) =>
        figures.map((figure) => {
          const link = figure.querySelector(':scope > figcaption.listing-title > a.listing-file');
          return { text: link?.textContent?.trim() ?? '', href: link?.getAttribute('href') ?? '' };
        }),
      );
      for (const title of listingTitles) {
        expect(title.text, 'a listing names its file').toMatch(/\S+\.\w+$/);
        expect(title.href.startsWith(`${repository.url}/blob/`), title.href).toBe(true);
      }
      const untitled = await doc.locator('div[class*="language-"]').evaluateAll((blocks) =>
        blocks
          .filter((b) => b.closest('figure.listing, [data-cell="output"], .vp-code-group') === null)
          .map((b) => b.className)
          .filter((name) => !/\blanguage-sh\b/.test(name)),
      );
      expect(untitled, 'code that is not a shell command is a titled listing').toEqual([]);
      const walls = await listings.evaluateAll(
        (figures, max) =>
          figures.flatMap((figure) => {
            const lines = figure.querySelectorAll(':scope > div[class*="language-"] code > .line');
            const name = figure.querySelector('a.listing-file')?.textContent ?? '?';
            return lines.length > max ? [`${name}: ${lines.length} lines open`] : [];
          }),
        maxOpenLines,
      );
      expect(walls, `no listing shows more than ${maxOpenLines} lines without a click`).toEqual([]);

      // "Edit this page" opens the file that holds the page's text.
      if (route !== '/') {
        const edit = page.locator('.VPDocFooter .edit-link a');
        expect(await edit.getAttribute('href')).toBe(
          `${repository.url}/edit/${repository.branch}/${pageSourceFile(pageFile(route))}`,
        );
      }

      const pager = async (which: 'prev' | 'next') => {
        const link = page.locator(`.VPDocFooter .pager-link.${which}`);
        if ((await link.count()) === 0) return null;
        return new URL((await link.getAttribute('href')) ?? '', site?.url).pathname;
      };
      expect(await pager('prev')).toBe(routes[index - 1] ?? null);
      expect(await pager('next')).toBe(routes[index + 1] ?? null);

      // At 1280 px: nothing cut off, no hidden column, no label over another, none too small.
      const code = await measureCode(page);
      expect(code.clipped, 'code and output lines cut off at 1280 px').toEqual([]);
      expect(code.clippedBlocks, 'blocks wider than their box at 1280 px').toBe(0);
      if (code.wrapped.length > 0 && route !== printRoute) wrapped.set(route, code.wrapped);
      expect(await measureTables(page), 'tables hiding columns at 1280 px').toEqual([]);
      const drawn = await measureDiagrams(page, minLabelPx);
      expect(drawn.overlaps, 'diagram labels drawn over each other').toEqual([]);
      expect(drawn.small, `diagram labels under ${minLabelPx} px at 1280 px`).toEqual([]);

      // Viewport shots, not full-page ones: a chapter is tens of thousands of pixels tall, and
      // capturing all of it takes longer than the test should.
      const shotName = screenshotPages[route];
      if (shotName !== undefined) await shoot(`${shotName}-1280.png`);
      if (route === '/chapters/03-client' && want.outputs > 0) {
        await shoot('chapter-3-output-cell.png', outputs.first());
      }
      if (route === '/concepts') await shoot('concepts.png', diagrams.first());

      // At 390 px: the page never scrolls sideways (code blocks and diagrams scroll inside
      // their frames, with a cue), tables show every column, and diagram labels stay readable.
      await resize(phone);
      expect(await measureSidewaysScroll(page), 'the page scrolls sideways at 390 px').toEqual({
        overflowPx: 0,
        culprits: [],
      });
      expect(await measureTables(page), 'tables hiding columns at 390 px').toEqual([]);
      expect((await measureCode(page)).scrollWithoutCue, 'blocks that scroll with no cue').toEqual(
        [],
      );
      const small = await measureDiagrams(page, minLabelPx);
      expect(small.small, `diagram labels under ${minLabelPx} px at 390 px`).toEqual([]);
      if (shotName !== undefined) {
        await page.evaluate(() => window.scrollTo(0, 0));
        await shoot(`${shotName}-390.png`);
      }
      await resize(desktop);
      expect(trouble).toEqual([]);
      leaveOpen(route);
    }

    /** A lab page links its exercise files and hides each hint behind a click. */
    async function checkLabHints(chapter: number, route: string): Promise<void> {
      const manifest = JSON.parse(
        readFileSync(join(docsRoot, '..', 'labs', `chapter${chapter}`, 'lab.json'), 'utf8'),
      ) as { exercises: { id: string; file: string; hints: string[] }[] };
      await resize(desktop);
      await open(route);
      const doc = page.locator('.VPDoc .vp-doc');
      for (const exercise of manifest.exercises) {
        const href = sourceUrl(`labs/chapter${chapter}/${exercise.file}`);
        expect(await doc.locator(`a[href="${href}"]`).count(), href).toBeGreaterThan(0);
      }
      const groups = doc.locator('details.lab-hints');
      expect(await groups.count()).toBe(manifest.exercises.length);
      const first = manifest.exercises[0];
      if (first === undefined) return;
      const group = doc.locator(`details.lab-hints[data-exercise="${first.id}"]`);
      const hint = group.locator('details.lab-hint').first();
      const text = hint.locator('p');
      expect(await text.isVisible(), 'a hint is hidden until clicked').toBe(false);
      await group.locator(':scope > summary').click();
      await hint.locator(':scope > summary').click();
      await expect.poll(() => text.isVisible()).toBe(true);
      expect((await text.textContent())?.length ?? 0).toBeGreaterThan(10);
      expect(trouble).toEqual([]);
    }

    async function checkEnlargeDiagram(): Promise<void> {
      const want = expectedFor('/chapters/04-server');
      await resize(phone);
      await open('/chapters/04-server', want.diagrams);
      await page.locator('.vp-doc .diagram-enlarge').first().click();
      const dialog = page.locator('dialog.diagram-dialog[open]');
      await dialog.waitFor({ timeout: 15_000 });
      expect(await dialog.locator('svg').count()).toBe(1);
      // Full screen, the labels are drawn at the diagram's own size.
      const label = await dialog.evaluate((d) => {
        const text = d.querySelector('foreignObject span, foreignObject p, text');
        return text === null ? 0 : Number.parseFloat(getComputedStyle(text).fontSize);
      });
      expect(label).toBeGreaterThanOrEqual(readablePx);
      await page.keyboard.press('Escape');
      await expect.poll(() => page.locator('dialog.diagram-dialog[open]').count()).toBe(0);
      await resize(desktop);
      expect(trouble).toEqual([]);
    }

    async function checkDarkMode(): Promise<void> {
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
    }

    async function checkSearch(): Promise<void> {
      await open('/start');
      await page.locator('.VPNavBarSearch button').click();
      const input = page.locator('#localsearch-input');
      await input.waitFor();
      await input.fill('handshake');
      const results = page.locator('.VPLocalSearchBox .results a.result');
      await expect.poll(() => results.count(), { timeout: 15_000 }).toBeGreaterThan(0);
      const hrefs = await results.evaluateAll((links) => links.map((a) => a.getAttribute('href')));
      expect(hrefs.some((href) => href?.startsWith('/concepts'))).toBe(true);
      expect(
        hrefs.some((href) => href?.startsWith(printRoute)),
        'the print page is not indexed',
      ).toBe(false);
      // detailedView: each result shows an excerpt of the text it matched, not only a heading.
      const excerpt = page.locator('.VPLocalSearchBox .results .excerpt').first();
      await expect.poll(() => excerpt.textContent(), { timeout: 15_000 }).toMatch(/handshake/i);
      await page.keyboard.press('Escape');
      expect(trouble).toEqual([]);
    }

    type FollowUp = readonly [name: string, check: () => Promise<void>];

    /** Tests that go on from a route's page, registered right after the route's own test (leftOpen). */
    const followUps = new Map<string, FollowUp[]>([
      ...chapters.map((c): [string, FollowUp[]] => [
        labRoute(c),
        [
          [
            `'${labRoute(c)}' links its exercise files and hides each hint behind a click`,
            () => checkLabHints(c.number, labRoute(c)),
          ],
        ],
      ]),
      [
        '/chapters/04-server',
        [['enlarges a diagram full screen, and closes it with Escape', checkEnlargeDiagram]],
      ],
      ['/concepts', [['switches to dark mode and back, re-rendering the diagrams', checkDarkMode]]],
      ['/start', [['finds pages with the local search, and shows the matching text', checkSearch]]],
    ]);
    const lost = [...followUps.keys()].filter((route) => !routes.includes(route));
    if (lost.length > 0) {
      throw new Error(`Follow-up tests for ${lost.join(', ')}, which the sidebar no longer has.`);
    }

    for (const [index, route] of routes.entries()) {
      if (!inHalf(index)) continue;
      it(
        `'${route}' loads cleanly, shows what its markdown promises, links prev/next, and fits 1280 and 390 px`,
        { timeout: 150_000 },
        () => checkRoute(route, index),
      );
      for (const [name, check] of followUps.get(route) ?? []) it(name, { timeout: 120_000 }, check);
    }
  });
}
