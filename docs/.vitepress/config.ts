// The VitePress configuration. srcDir is docs/ itself: chapter and lab texts live beside their
// code (chapters/*/README.md, labs/*/README.md) and thin pages here include them, so code and
// recorded outputs are embedded from the real files with `@/../`-rooted paths.
import { defineConfig } from 'vitepress';
import { withMermaid } from 'vitepress-plugin-mermaid';
import { notebookOutputCells } from './notebook-output-cells.ts';
import { readmeLinks } from './readme-links.ts';
import { chapters, sidebar } from './site-map.ts';

export default withMermaid(
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
        md.use(notebookOutputCells);
        md.use(
          readmeLinks,
          chapters.map((c) => c.folder),
        );
      },
    },
    themeConfig: {
      nav: [
        { text: 'Start', link: '/start' },
        { text: 'Concepts', link: '/concepts' },
        { text: 'Chapters', link: '/chapters/01-resolution' },
        { text: 'Labs', link: '/labs/' },
        { text: 'Python ↔ TS', link: '/python-to-typescript' },
      ],
      sidebar: sidebar(),
      outline: { level: [2, 3] },
      search: { provider: 'local' },
      docFooter: { prev: 'Previous', next: 'Next' },
      footer: {
        message:
          'MIT licensed. Every example on this site runs on loopback; every output was recorded from a real run.',
      },
    },
    mermaid: {},
    // Not the plugin's default class "mermaid": mermaid itself, when the page's load event fires
    // before the plugin has initialised it, runs over every `.mermaid` element, reads the
    // already-drawn SVG as diagram source and replaces it with a "Syntax error" picture.
    mermaidPlugin: { class: 'mermaid-diagram' },
    vite: {
      // Mermaid alone is a few megabytes of JavaScript, loaded only on pages with a diagram;
      // the default 500 kB warning would fire on every build and hide warnings that matter.
      build: { chunkSizeWarningLimit: 4096 },
      // In `vitepress dev`, Vite serves mermaid unbundled, and its CommonJS dependency fastdom
      // then fails to import ("does not provide an export named 'default'"): pre-bundle it.
      optimizeDeps: { include: ['mermaid'] },
    },
  }),
);
