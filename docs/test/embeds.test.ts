// The notebook's promise, checked on the real site: every page embeds files and regions that
// exist, and every example it shows comes with the output that example really printed.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import {
  chapterHeading,
  chapterRoute,
  chapters,
  labHeading,
  labRoute,
  sidebarRoutes,
} from '../.vitepress/site-map.ts';
import { scanSite } from './embeds/scan-site.ts';

const docsRoot = fileURLToPath(new URL('..', import.meta.url));

describe('the real site', () => {
  const scan = scanSite(docsRoot);

  it('embeds only files and regions that exist, and shows a recorded output for every example', () => {
    expect(scan.problems).toEqual([]);
  });

  it('has a page for every sidebar entry', () => {
    const pages = new Set(scan.pages.map((p) => p.slice(docsRoot.length)));
    for (const route of sidebarRoutes()) {
      const file = route.endsWith('/') ? `${route.slice(1)}index.md` : `${route.slice(1)}.md`;
      expect(pages, `sidebar link ${route} needs docs/${file}`).toContain(file);
    }
  });

  it("names each chapter and lab as its README's heading does", () => {
    const heading = (path: string) =>
      readFileSync(join(docsRoot, '..', path), 'utf8')
        .split('\n')[0]
        ?.replace(/^#\s+/, '');
    for (const chapter of chapters) {
      expect(heading(`chapters/${chapter.folder}/README.md`)).toBe(chapterHeading(chapter));
      expect(heading(`labs/chapter${chapter.number}/README.md`)).toBe(labHeading(chapter));
    }
  });

  it('reads in order: each chapter, then its lab', () => {
    const routes = sidebarRoutes();
    for (const chapter of chapters) {
      const at = routes.indexOf(chapterRoute(chapter));
      expect(at, `${chapterRoute(chapter)} is in the sidebar`).toBeGreaterThanOrEqual(0);
      expect(routes[at + 1]).toBe(labRoute(chapter));
    }
  });

  it('includes each chapter README and each lab README in its page', () => {
    const included = scan.embeds.filter((e) => e.kind === 'include').map((e) => e.target);
    for (const chapter of chapters) {
      expect(included).toContain(join(docsRoot, '..', 'chapters', chapter.folder, 'README.md'));
      expect(included).toContain(
        join(docsRoot, '..', 'labs', `chapter${chapter.number}`, 'README.md'),
      );
    }
  });
});

describe('the scan catches broken embeds', () => {
  let root = '';
  afterEach(() => {
    if (root !== '') rmSync(root, { recursive: true, force: true });
  });

  /** A throwaway repo: docs/ plus chapter files, laid out like the real one. */
  function fakeRepo(files: Record<string, string>): string {
    root = mkdtempSync(join(tmpdir(), 'netprog-embeds-'));
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    return join(root, 'docs');
  }

  it('reports a missing include, a missing region and a missing snippet file', () => {
    const docs = fakeRepo({
      'docs/a.md': '<!--@include: @/../chapters/01-x/README.md-->\n<!--@include: ./gone.md-->\n',
      'chapters/01-x/README.md': [
        '<<< @/../chapters/01-x/src/lib.ts#missing',
        '<<< @/../chapters/01-x/src/nope.ts',
        '<<< ../relative.ts',
      ].join('\n'),
      'chapters/01-x/src/lib.ts': '// #region present\nexport {};\n// #endregion present\n',
    });
    const { problems } = scanSite(docs);
    expect(problems).toHaveLength(4);
    expect(problems.join('\n')).toMatch(/docs\/gone\.md, which does not exist/);
    expect(problems.join('\n')).toMatch(/has no #region missing/);
    expect(problems.join('\n')).toMatch(/src\/nope\.ts, which does not exist/);
    expect(problems.join('\n')).toMatch(/is relative, and in an included file/);
  });

  it('reports an example without a recorded output, and one whose output is not shown', () => {
    const docs = fakeRepo({
      'docs/a.md': '<!--@include: @/../chapters/01-x/README.md-->\n',
      'chapters/01-x/README.md': [
        '<<< @/../chapters/01-x/examples/no-output.ts',
        '<<< @/../chapters/01-x/examples/not-shown.ts',
      ].join('\n'),
      'chapters/01-x/examples/no-output.ts': 'console.log(1);\n',
      'chapters/01-x/examples/not-shown.ts': 'console.log(2);\n',
      'chapters/01-x/outputs/not-shown.txt': '2\n',
      'chapters/01-x/test/examples.test.ts': "run('no-output.ts'); run('not-shown.ts');\n",
    });
    const { problems } = scanSite(docs);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/outputs\/no-output\.txt does not exist/);
    expect(problems[1]).toMatch(/not-shown\.ts without its recorded output/);
  });

  it('reports an embedded example that the chapter tests never run', () => {
    const docs = fakeRepo({
      'docs/a.md': '<!--@include: @/../chapters/01-x/README.md-->\n',
      'chapters/01-x/README.md': [
        '<<< @/../chapters/01-x/examples/lonely.ts',
        '::: info Output (recorded)',
        '<<< @/../chapters/01-x/outputs/lonely.txt',
        ':::',
      ].join('\n'),
      'chapters/01-x/examples/lonely.ts': 'console.log(1);\n',
      'chapters/01-x/outputs/lonely.txt': '1\n',
    });
    expect(scanSite(docs).problems).toEqual([
      expect.stringMatching(/examples\.test\.ts never mentions lonely/),
    ]);
  });

  it('accepts a page whose examples, regions and outputs are all in place', () => {
    const docs = fakeRepo({
      'docs/a.md': '<!--@include: @/../chapters/01-x/README.md-->\n',
      'chapters/01-x/README.md': [
        '<<< @/../chapters/01-x/examples/fine.ts#main',
        '::: info Output (recorded)',
        '<<< @/../chapters/01-x/outputs/fine.txt',
        ':::',
      ].join('\n'),
      'chapters/01-x/examples/fine.ts': '// #region main\nconsole.log(1);\n// #endregion main\n',
      'chapters/01-x/outputs/fine.txt': '1\n',
      'chapters/01-x/test/examples.test.ts': "run('fine.ts');\n",
    });
    expect(scanSite(docs).problems).toEqual([]);
  });
});
