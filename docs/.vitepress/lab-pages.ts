// Every lab page shows its hints, each behind a click (<LabHints>, theme/lab-hints.ts). A lab
// README that has a "Hints" section (explaining `pnpm lab hint`) gets them at the end of that
// section; one that has none gets a Hints section at the end of the page. The README itself
// stays as it reads on GitHub.
import type { MarkdownRenderer } from 'vitepress';

const labPage = /^labs\/chapter(\d+)\.md$/;

/**
 * markdown-it plugin: inserts `<LabHints :chapter="N" />` into the page of lab N.
 *
 * @example
 * markdown: { config: (md) => md.use(labPages) }
 */
export function labPages(md: MarkdownRenderer): void {
  md.core.ruler.push('lab-pages', (state) => {
    const relativePath: unknown = state.env?.relativePath;
    const chapter = typeof relativePath === 'string' ? labPage.exec(relativePath)?.[1] : undefined;
    if (chapter === undefined) return;
    const tokens = state.tokens;
    const isH2 = (i: number) => tokens[i]?.type === 'heading_open' && tokens[i]?.tag === 'h2';
    const hints = tokens.findIndex((_, i) => isH2(i) && tokens[i + 1]?.content.trim() === 'Hints');
    let at = tokens.length;
    if (hints >= 0) {
      const next = tokens.findIndex((_, i) => i > hints && isH2(i));
      at = next >= 0 ? next : tokens.length;
    }
    const block = new state.Token('html_block', '', 0);
    block.content = `<LabHints :chapter="${chapter}"${hints >= 0 ? '' : ' heading'} />\n`;
    tokens.splice(at, 0, block);
  });
}
