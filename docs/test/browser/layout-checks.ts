// What a reader sees cut off, measured in the browser. Each function runs in the page and
// returns one finding per problem, worded for a failure message: which block, which line, by
// how much. The browser test fails on these; run against an old build they give the "before"
// figures.
//
// The functions passed to page.evaluate are serialised and run in Chromium: they must not use
// anything from this module, only what they declare themselves.
import type { Page } from 'playwright-core';

/** A code or output line that does not fit its block: cut at the block's edge, or wrapped. */
export interface CodeLineFinding {
  /** The listing's title, or the output's, or the block's language. */
  block: string;
  line: string;
  /** How far past the block's visible edge the line runs, in px (0 when wrapped). */
  overflowPx: number;
}

/** The state of every code block on the page that is on screen (not inside a closed details). */
export interface CodeReport {
  /** Blocks whose content is wider than their box: something is hidden behind a scrollbar. */
  clippedBlocks: number;
  /** Lines cut off at a block's edge. */
  clipped: CodeLineFinding[];
  /** Lines too long for the column, shown whole on several rows (soft-wrapped). */
  wrapped: CodeLineFinding[];
  /** Blocks that scroll sideways but show no cue that they do. */
  scrollWithoutCue: string[];
}

/**
 * Measures every visible `pre` on the page.
 *
 * @example
 * const report = await measureCode(page);
 * expect(report.clipped).toEqual([]);
 */
export function measureCode(page: Page): Promise<CodeReport> {
  return page.evaluate(() => {
    const report = {
      clippedBlocks: 0,
      clipped: [] as { block: string; line: string; overflowPx: number }[],
      wrapped: [] as { block: string; line: string; overflowPx: number }[],
      scrollWithoutCue: [] as string[],
    };
    // (No helper functions in here: the bundler would wrap a named one in a `__name` call that
    // does not exist in the page.)
    for (const pre of Array.from(document.querySelectorAll('.vp-doc pre'))) {
      // Inside a closed <details>: nothing is on screen, nothing to measure.
      if (pre.getClientRects().length === 0) continue;
      const title = pre.closest('[data-listing]')?.querySelector('.listing-title a')?.textContent;
      const source = pre.closest('[data-cell="output"]')?.getAttribute('data-source');
      const lang = pre.parentElement?.querySelector('span.lang')?.textContent?.trim();
      const block = title?.trim() || (source ? `output ${source}` : `${lang || 'code'} block`);
      const box = pre.getBoundingClientRect();
      const visibleRight = box.left + pre.clientWidth;
      const overflows = pre.scrollWidth > pre.clientWidth + 1;
      if (overflows) {
        report.clippedBlocks += 1;
        const cue = pre.closest('[data-scroll-cue]');
        if (cue === null) report.scrollWithoutCue.push(block);
      }
      const lineHeight = Number.parseFloat(getComputedStyle(pre).lineHeight) || 20;
      for (const line of Array.from(pre.querySelectorAll('code > .line'))) {
        const text = line.textContent ?? '';
        if (text.trim() === '') continue;
        const rects = Array.from(line.getClientRects());
        const right = Math.max(...rects.map((r) => r.right));
        // Chromium gives an inline line one box per highlighted token: rows are distinct tops.
        const rows = new Set(rects.map((r) => Math.round(r.top / (lineHeight / 2)))).size;
        const height = line.getBoundingClientRect().height;
        if (right > visibleRight + 1) {
          report.clipped.push({ block, line: text, overflowPx: Math.round(right - visibleRight) });
        } else if (rows > 1 || height > lineHeight * 1.5) {
          report.wrapped.push({ block, line: text, overflowPx: 0 });
        }
      }
    }
    return report;
  });
}

/** A table that does not show all of its columns. */
export interface TableFinding {
  /** The header row's text, to find the table in the markdown. */
  header: string;
  widthPx: number;
  boxPx: number;
  hiddenColumns: number;
}

/**
 * Tables wider than their box, with the number of header cells that start outside it.
 *
 * @example
 * expect(await measureTables(page)).toEqual([]);
 */
export function measureTables(page: Page): Promise<TableFinding[]> {
  return page.evaluate(() => {
    const found: { header: string; widthPx: number; boxPx: number; hiddenColumns: number }[] = [];
    const doc = document.querySelector('.vp-doc');
    if (doc === null) return found;
    const column = doc.getBoundingClientRect();
    for (const table of Array.from(doc.querySelectorAll('table'))) {
      if (table.getClientRects().length === 0) continue;
      const box = table.getBoundingClientRect();
      // What the reader can see of the table: its own box if it scrolls, and never past the column.
      const visibleRight = Math.min(box.left + table.clientWidth, column.right);
      // The first row of data: on a phone a wide table is drawn as cards and its header row is
      // hidden on purpose, so the header cells say nothing about what the reader sees.
      const row = table.querySelector('tbody tr') ?? table.querySelector('tr');
      const cells = Array.from(row?.children ?? []);
      const headers = Array.from(table.querySelectorAll('tr:first-child > th'));
      // A cell counts as hidden when less than half of it is visible.
      const hidden = cells.filter((cell) => {
        const r = cell.getBoundingClientRect();
        return r.width > 0 && r.left + r.width / 2 > visibleRight;
      }).length;
      const width = Math.max(table.scrollWidth, box.width);
      if (hidden > 0 || width > column.width + 1 || table.scrollWidth > table.clientWidth + 1) {
        found.push({
          header: (headers.length > 0 ? headers : cells)
            .map((c) => c.textContent?.trim() ?? '')
            .join(' | '),
          widthPx: Math.round(width),
          boxPx: Math.round(Math.min(table.clientWidth, column.width)),
          hiddenColumns: hidden,
        });
      }
    }
    return found;
  });
}

/** Two labels of one diagram drawn over each other. */
export interface LabelOverlap {
  diagram: number;
  a: string;
  b: string;
  /** The overlapping area, in px². */
  areaPx: number;
}

/** A diagram label drawn smaller than a reader can read. */
export interface SmallLabel {
  diagram: number;
  label: string;
  fontPx: number;
}

export interface DiagramReport {
  overlaps: LabelOverlap[];
  small: SmallLabel[];
  /** The smallest label on the page, in px (Infinity without diagrams). */
  smallestFontPx: number;
}

/**
 * Every text label of every rendered Mermaid diagram on the page: pairs whose boxes overlap, and
 * labels drawn below `minFontPx`. A label's box is the box of its text (a Range over an HTML
 * label, the bounding box of an SVG text), so a label's background does not count.
 *
 * @example
 * const { overlaps, small } = await measureDiagrams(page, 12);
 */
export function measureDiagrams(page: Page, minFontPx: number): Promise<DiagramReport> {
  return page.evaluate((minFont) => {
    const report = {
      overlaps: [] as { diagram: number; a: string; b: string; areaPx: number }[],
      small: [] as { diagram: number; label: string; fontPx: number }[],
      smallestFontPx: Number.POSITIVE_INFINITY,
    };
    const svgs = Array.from(document.querySelectorAll('.vp-doc .mermaid-diagram svg'));
    for (const [index, svg] of svgs.entries()) {
      if (!(svg instanceof SVGSVGElement)) continue;
      const viewBox = svg.viewBox.baseVal;
      const drawn = svg.getBoundingClientRect();
      const scale = viewBox !== null && viewBox.width > 0 ? drawn.width / viewBox.width : 1;
      // Each label with the box of its text: a Range over an HTML label (not its
      // foreignObject, which can be larger), the bounding box of an SVG text.
      const candidates: { element: Element; rect: DOMRect }[] = [];
      for (const object of Array.from(svg.querySelectorAll('foreignObject'))) {
        const range = document.createRange();
        range.selectNodeContents(object);
        const element = object.querySelector('span, p, div') ?? object;
        candidates.push({ element, rect: range.getBoundingClientRect() });
      }
      for (const text of Array.from(svg.querySelectorAll('text'))) {
        if (text.closest('foreignObject') === null) {
          candidates.push({ element: text, rect: text.getBoundingClientRect() });
        }
      }
      const labels: { text: string; rect: DOMRect; fontPx: number }[] = [];
      for (const { element, rect } of candidates) {
        const text = (element.textContent ?? '').replace(/\s+/g, ' ').trim();
        if (text === '' || rect.width < 1 || rect.height < 1) continue;
        const fontPx = Number.parseFloat(getComputedStyle(element).fontSize) * scale;
        labels.push({ text, rect, fontPx });
      }
      for (const label of labels) {
        report.smallestFontPx = Math.min(report.smallestFontPx, label.fontPx);
        if (label.fontPx < minFont) {
          report.small.push({
            diagram: index + 1,
            label: label.text,
            fontPx: Math.round(label.fontPx * 10) / 10,
          });
        }
      }
      for (let i = 0; i < labels.length; i += 1) {
        for (let j = i + 1; j < labels.length; j += 1) {
          const a = labels[i];
          const b = labels[j];
          if (a === undefined || b === undefined) continue;
          const w = Math.min(a.rect.right, b.rect.right) - Math.max(a.rect.left, b.rect.left);
          const h = Math.min(a.rect.bottom, b.rect.bottom) - Math.max(a.rect.top, b.rect.top);
          // One pixel of touching glyph boxes is not an overlap a reader notices.
          if (w > 1 && h > 1) {
            report.overlaps.push({
              diagram: index + 1,
              a: a.text,
              b: b.text,
              areaPx: Math.round(w * h),
            });
          }
        }
      }
    }
    return report;
  }, minFontPx);
}

/**
 * How far the page scrolls sideways (0 when it does not), and the widest elements that cause it.
 *
 * @example
 * expect((await measureSidewaysScroll(page)).overflowPx).toBe(0);
 */
export function measureSidewaysScroll(
  page: Page,
): Promise<{ overflowPx: number; culprits: string[] }> {
  return page.evaluate(() => {
    const viewport = document.documentElement.clientWidth;
    const overflowPx = Math.max(0, document.documentElement.scrollWidth - viewport);
    const culprits: string[] = [];
    if (overflowPx > 0) {
      for (const element of Array.from(document.querySelectorAll('.VPContent *'))) {
        const r = element.getBoundingClientRect();
        if (r.right > viewport + 1 && culprits.length < 5) {
          const cls = typeof element.className === 'string' ? element.className : '';
          culprits.push(
            `${element.tagName.toLowerCase()}.${cls.split(' ').join('.')} (${Math.round(r.right)} px)`,
          );
        }
      }
    }
    return { overflowPx, culprits };
  });
}
