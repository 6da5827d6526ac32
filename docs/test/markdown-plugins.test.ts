// The site's markdown plugins, run through VitePress's own renderer on a throwaway repository:
// listings (titles, links, regions, the whole file behind a click, long listings collapsed),
// table labels, links to files named in the text, where a lab page's hints go, and code
// highlighted once per build.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createMarkdownRenderer, type MarkdownRenderer } from 'vitepress';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { highlightBlocksOnce, highlightOnce } from '../.vitepress/highlight-once.ts';
import { labPages } from '../.vitepress/lab-pages.ts';
import { listings, maxOpenLines, withLineIndents } from '../.vitepress/listings.ts';
import { notebookOutputCells } from '../.vitepress/notebook-output-cells.ts';
import { sourceUrl } from '../.vitepress/repository.ts';
import { sourceLinks } from '../.vitepress/source-links.ts';
import { tableLabels } from '../.vitepress/table-labels.ts';
import { keptWholeFile } from '../.vitepress/whole-files.ts';

let root = '';
let md: MarkdownRenderer;

/** Renders markdown as if it were the page docs/<relativePath>. */
function render(text: string, relativePath = 'chapters/01-x.md'): string {
  return md.render(text, { path: join(root, 'docs', relativePath), relativePath });
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'netprog-md-'));
  const files: Record<string, string> = {
    'chapters/01-x/src/lib.ts': [
      'import x from "y";',
      '',
      '// #region first',
      'export const a = 1;',
      '// #endregion first',
      '// #region second',
      'export function b() {',
      '  return a;',
      '}',
      '// #endregion second',
      '',
    ].join('\n'),
    'chapters/01-x/src/long.ts': `${Array.from({ length: maxOpenLines + 1 }, (_, i) => `// line ${i + 1}`).join('\n')}\n`,
    'chapters/01-x/outputs/run.txt': 'hello\n',
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  mkdirSync(join(root, 'docs'), { recursive: true });
  // VitePress keeps one renderer per process: every plugin the site uses, configured once.
  md = await createMarkdownRenderer(join(root, 'docs'), {
    config(renderer) {
      renderer.use(highlightBlocksOnce);
      renderer.use(notebookOutputCells);
      renderer.use(listings, { repoRoot: root });
      renderer.use(tableLabels);
      renderer.use(sourceLinks, { repoRoot: root });
      renderer.use(labPages);
    },
  });
}, 60_000);

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('listings', () => {
  it('titles a region with its file, links to its lines, and puts the whole file behind a click', () => {
    const html = render('<<< @/../chapters/01-x/src/lib.ts#second');
    expect(html).toContain('<figure class="listing" data-listing>');
    const href = sourceUrl('chapters/01-x/src/lib.ts', { from: 7, to: 9 });
    expect(html).toContain(`href="${href}"`);
    expect(html).toContain('>chapters/01-x/src/lib.ts</a>');
    expect(html).toContain('lines 7–9');
    // The whole file (6 lines: the file without its 4 region markers) is fetched on the click.
    const whole =
      /<details class="listing-whole" data-whole="\/listings\/([0-9a-f]{12})\.html"><summary>The whole file .*\(6 lines\)/.exec(
        html,
      );
    expect(whole, 'a collapsed whole file under the listing').not.toBeNull();
    const file = keptWholeFile(whole?.[1] ?? '') ?? '';
    expect(file.match(/class="line/g)).toHaveLength(6);
    expect(file).toContain('import');
    expect(`${html}${file}`).not.toContain('#region');
  });

  it('gives the whole file only to the last of several regions of one file in a row', () => {
    const html = render(
      '<<< @/../chapters/01-x/src/lib.ts#first\n\nText.\n\n<<< @/../chapters/01-x/src/lib.ts#second',
    );
    expect(html.match(/data-listing/g)).toHaveLength(2);
    expect(html.match(/class="listing-whole"/g)).toHaveLength(1);
    expect(html.indexOf('listing-whole')).toBeGreaterThan(html.indexOf('lines 7–9'));
  });

  it(`collapses a listing longer than ${maxOpenLines} lines, title still on show`, () => {
    const html = render('<<< @/../chapters/01-x/src/long.ts');
    expect(html).toContain('>chapters/01-x/src/long.ts</a>');
    expect(html).toContain(
      `<details class="listing-long"><summary>Show all ${maxOpenLines + 1} lines</summary>`,
    );
  });

  it('leaves recorded outputs as output cells, naming their file', () => {
    const html = render('::: info Output (recorded)\n<<< @/../chapters/01-x/outputs/run.txt\n:::');
    expect(html).not.toContain('data-listing');
    expect(html).toContain('data-cell="output"');
    expect(html).toContain('data-source="chapters/01-x/outputs/run.txt"');
    expect(html).toContain('data-scroll-cue');
  });

  it('leaves the tabs of a code-group (a Python | TypeScript pair) to VitePress', () => {
    const html = render(
      '::: code-group\n<<< @/../chapters/01-x/src/lib.ts#first [Python]\n<<< @/../chapters/01-x/outputs/run.txt [TypeScript]\n:::',
    );
    // VitePress switches tabs by the classes of .blocks' own children: no <figure> between them.
    expect(html).toContain('class="vp-code-group');
    expect(html).toContain('>Python</label>');
    expect(html).toContain('>TypeScript</label>');
    expect(html).not.toContain('data-listing');
    expect(html).toMatch(/<div class="blocks">\s*<div [^>]*class="language-\w+ [^"]*active"/);
  });

  it('marks each line with its indentation, so a wrapped line continues under itself', () => {
    const html = '<span class="line">a</span>\n<span class="line highlighted">    b</span>';
    expect(withLineIndents(html, 'a\n    b\n')).toBe(
      '<span class="line">a</span>\n<span style="--indent:4" class="line highlighted">    b</span>',
    );
  });
});

describe('tables', () => {
  it("labels every body cell with its column's header, markup removed", () => {
    const html = render('| Python | Plain Node (`node:net`) |\n| --- | --- |\n| a | b |');
    expect(html).toContain('<td data-label="Python">a</td>');
    expect(html).toContain('<td data-label="Plain Node (node:net)">b</td>');
  });
});

describe('links to files named in the text', () => {
  it('links a file beside the README, and nothing else', () => {
    const html = render(
      '# `src/lib.ts`\n\nSee `src/lib.ts`, `src/gone.ts`, `net.connect()` and [`src/lib.ts`](#x).',
    );
    const link = `<a href="${sourceUrl('chapters/01-x/src/lib.ts')}" class="source-link"`;
    expect(html.split(link)).toHaveLength(2);
    expect(html).toContain('<code>src/gone.ts</code>');
    expect(html).toMatch(/<h1[^>]*><code>src\/lib.ts<\/code>/);
  });

  it('links nothing on a page written in docs/', () => {
    expect(render('See `src/lib.ts`.', 'start.md')).not.toContain('source-link');
  });
});

describe("a lab page's hints", () => {
  it('go at the end of its Hints section', () => {
    const html = render(
      '# Lab\n\n## Hints\n\nUse `pnpm lab hint`.\n\n## For authors\n',
      'labs/chapter3.md',
    );
    const hints = html.indexOf('<LabHints :chapter="3" />');
    expect(hints).toBeGreaterThan(html.indexOf('pnpm lab hint'));
    expect(hints).toBeLessThan(html.indexOf('For authors'));
  });

  it('get a section of their own when the README has none', () => {
    const html = render('# Lab\n\n## Exercises\n', 'labs/chapter2.md');
    expect(html.trimEnd().endsWith('<LabHints :chapter="2" heading />')).toBe(true);
  });

  it('are not added to other pages', () => {
    expect(render('## Hints\n', 'chapters/01-x.md')).not.toContain('LabHints');
  });
});

describe('highlightOnce', () => {
  it('highlights each (code, language, attributes) once and answers repeats from memory', () => {
    const calls: string[] = [];
    const once = highlightOnce((code, lang, attrs) => {
      calls.push(`${lang}|${attrs}|${code}`);
      return `<pre>${lang}:${code}</pre>`;
    }, new Map());
    expect(once('a', 'ts', '')).toBe('<pre>ts:a</pre>');
    expect(once('a', 'ts', '')).toBe('<pre>ts:a</pre>');
    expect(once('a', 'js', '')).toBe('<pre>js:a</pre>');
    expect(once('a', 'ts', '{1}')).toBe('<pre>ts:a</pre>');
    expect(calls).toEqual(['ts||a', 'js||a', 'ts|{1}|a']);
  });

  it('gives the site renderer the same HTML as highlighting every time', async () => {
    const block = '```ts\nconst port = 0;\n```\n';
    const plain = await createMarkdownRenderer(join(root, 'docs'), {});
    expect(render(block)).toBe(plain.render(block));
    expect(render(block)).toBe(render(block));
  });
});
