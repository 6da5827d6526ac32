// Chapter and lab READMEs are written to read well on GitHub, so they link to each other by file
// path (`../../labs/chapter3/README.md`). On the site those files are included into pages under
// docs/, where such a path leads nowhere; this plugin points them at the pages instead. Links it
// does not recognise are left alone, so VitePress's dead-link check still reports them.
import type { MarkdownRenderer } from 'vitepress';

const chapterReadme = /^(?:\.\.?\/)*(?:chapters\/)?(\d\d-[a-z0-9-]+)(?:\/README\.md|\/)?(#.*)?$/;
const labReadme = /^(?:\.\.?\/)*(?:labs\/)?(chapter\d+)(?:\/README\.md|\/)?(#.*)?$/;

/**
 * Maps a README-relative link to the site route of the chapter or lab page it means, or returns
 * null when it is not a link to a chapter or lab README.
 *
 * @example
 * readmeLinkToRoute('../../labs/chapter3/README.md#hints', ['03-client']) // '/labs/chapter3#hints'
 * readmeLinkToRoute('../04-server/README.md', ['04-server'])              // '/chapters/04-server'
 */
export function readmeLinkToRoute(href: string, chapterFolders: readonly string[]): string | null {
  if (/^[a-z]+:|^\/|^#/i.test(href)) return null;
  const chapter = chapterReadme.exec(href);
  if (chapter?.[1] !== undefined && chapterFolders.includes(chapter[1])) {
    return `/chapters/${chapter[1]}${chapter[2] ?? ''}`;
  }
  const lab = labReadme.exec(href);
  if (lab?.[1] !== undefined) return `/labs/${lab[1]}${lab[2] ?? ''}`;
  return null;
}

/**
 * markdown-it plugin: rewrites links between chapter and lab READMEs to site routes.
 *
 * @example
 * markdown: { config: (md) => md.use(readmeLinks, ['01-resolution', '03-client']) }
 */
export function readmeLinks(md: MarkdownRenderer, chapterFolders: readonly string[]): void {
  md.core.ruler.push('readme-links', (state) => {
    for (const block of state.tokens) {
      for (const token of block.children ?? []) {
        if (token.type !== 'link_open') continue;
        const href = token.attrGet('href');
        const route = href === null ? null : readmeLinkToRoute(href, chapterFolders);
        if (route !== null) token.attrSet('href', route);
      }
    }
  });
}
