// The VitePress configuration. srcDir is docs/ itself: chapter and lab texts live beside their
// code (chapters/*/README.md, labs/*/README.md) and thin pages here include them, so code and
// recorded outputs are embedded from the real files with `@/../`-rooted paths.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitepress';
import { withMermaid } from 'vitepress-plugin-mermaid';
import { diagramFrames } from './diagram-frames.ts';
import { siteFooterMessage } from './footer.ts';
import { highlightBlocksOnce } from './highlight-once.ts';
import { labPages } from './lab-pages.ts';
import { listings } from './listings.ts';
import { mermaidPrebuilt, writeMermaid } from './mermaid-prebuilt.ts';
import { notebookOutputCells } from './notebook-output-cells.ts';
import { readmeLinks } from './readme-links.ts';
import { editLinkPattern, pageSourceFile, pageSourceFolder, repository } from './repository.ts';
import { chapterRoute, chapters, sidebar } from './site-map.ts';
import { sourceLinks } from './source-links.ts';
import { tableLabels } from './table-labels.ts';
import { serveWholeFiles, writeWholeFiles } from './whole-files.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

const site = withMermaid(
  defineConfig({
    title: 'netprog',
    description:
      'Network Programming in TypeScript: sockets from the ground up, every example runnable, every lab graded.',
    lang: 'en-GB',
    cleanUrls: true,
    head: [['link', { rel: 'icon', type: 'image/svg+xml', href: '/favicon.svg' }]],
    // The package README and the tests are not pages.
    srcExclude: ['README.md', 'CHANGELOG.md', 'test/**'],
    // Dead links fail the build (the default); say so here so nobody turns it off by accident.
    ignoreDeadLinks: false,
    markdown: {
      // Snippets take their language from the file extension; shiki has no 'mjs' or 'cjs'.
      languageAlias: { mjs: 'js', cjs: 'js' },
      config(md) {
        md.use(highlightBlocksOnce);
        md.use(notebookOutputCells);
        md.use(
          readmeLinks,
          chapters.map((c) => c.folder),
        );
        md.use(listings, { repoRoot });
        md.use(diagramFrames);
        md.use(tableLabels);
        md.use(sourceLinks, { repoRoot });
        md.use(labPages);
      },
    },
    transformPageData(pageData) {
      // "Edit this page" opens the file that holds the text: a chapter's or lab's README, or
      // the page itself under docs/. VitePress fills `:path` in the pattern with filePath.
      pageData.filePath = pageSourceFile(pageData.relativePath);
      // Chapter, lab and reference pages get the wide column (theme/layout.css): code,
      // outputs and tables of about 100 columns fit without being cut.
      const wide =
        pageSourceFolder(pageData.relativePath) !== null ||
        pageData.relativePath === 'python-to-typescript.md' ||
        pageData.relativePath === 'print.md';
      if (wide) pageData.frontmatter.pageClass = 'np-wide';
      // The home page's chapter cards come from the site map, like the sidebar.
      if (pageData.relativePath === 'index.md') {
        pageData.frontmatter.features = chapters.map((c) => ({
          title: `${c.number}. ${c.title}`,
          details: c.summary,
          link: chapterRoute(c),
        }));
      }
    },
    themeConfig: {
      nav: [
        { text: 'Start', link: '/start' },
        { text: 'Concepts', link: '/concepts' },
        { text: 'Chapters', link: '/chapters/01-resolution' },
        { text: 'Labs', link: '/labs/' },
        { text: 'Python ↔ TS', link: '/python-to-typescript' },
        { text: 'Teachers', link: '/teachers' },
      ],
      socialLinks: [{ icon: 'github', link: repository.url, ariaLabel: 'The source on GitHub' }],
      editLink: { pattern: editLinkPattern(), text: 'Edit this page on GitHub' },
      sidebar: sidebar(),
      outline: { level: [2, 3] },
      search: {
        provider: 'local',
        // Results show the matching text, not only the heading it is under.
        options: { detailedView: true },
      },
      docFooter: { prev: 'Previous', next: 'Next' },
      footer: { message: await siteFooterMessage() },
    },
    // The whole files under listings, rendered while the pages were, as files of their own.
    buildEnd(site) {
      writeWholeFiles(site.outDir);
      writeMermaid(site.outDir);
    },
    mermaid: {},
    // Not the plugin's default class "mermaid": mermaid itself, when the page's load event fires
    // before the plugin has initialised it, runs over every `.mermaid` element, reads the
    // already-drawn SVG as diagram source and replaces it with a "Syntax error" picture.
    mermaidPlugin: { class: 'mermaid-diagram' },
    vite: {
      // mermaid is not bundled: the site loads the files its package ships (mermaid-prebuilt.ts).
      plugins: [mermaidPrebuilt(), serveWholeFiles()],
    },
  }),
);

// withMermaid also asks the dev server to pre-bundle mermaid's dependencies; nothing imports them
// now that mermaid is not bundled (mermaid-prebuilt.ts), so that work is dropped.
if (site.vite?.optimizeDeps !== undefined) site.vite.optimizeDeps.include = [];

export default site;
