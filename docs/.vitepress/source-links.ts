// On a chapter or lab page, a file named in code (`exercises/port-scanner.ts`, `src/models/routes.ts`)
// becomes a link to that file in the repository, so a reader is one click from the code the
// text talks about. The README stays as it reads on GitHub: only names of files that really
// exist beside it are linked, and nothing in a heading or already inside a link.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { MarkdownRenderer } from 'vitepress';
import { pageSourceFolder, sourceUrl } from './repository.ts';

type Token = ReturnType<MarkdownRenderer['parse']>[number];

/** Looks like a relative file path with an extension: `exercises/connect-ex.ts`, `lab.json`. */
const filePath = /^(?:[\w.-]+\/)*[\w-]+(?:\.[\w-]+)*\.[a-z]{1,5}$/;

/**
 * The repository path `code` names, seen from `folder`, when it is a file that exists there.
 *
 * @example
 * linkedFile('exercises/connect-ex.ts', 'labs/chapter3', '/repo') // 'labs/chapter3/exercises/connect-ex.ts'
 * linkedFile('net.connect()', 'labs/chapter3', '/repo')          // null
 */
export function linkedFile(code: string, folder: string, repoRoot: string): string | null {
  if (!filePath.test(code) || code.split('/').includes('..')) return null;
  const path = `${folder}/${code}`;
  try {
    return statSync(join(repoRoot, path)).isFile() ? path : null;
  } catch {
    return null;
  }
}

/**
 * markdown-it plugin: links inline code that names a file beside the page's README.
 *
 * @example
 * markdown: { config: (md) => md.use(sourceLinks, { repoRoot: '/repo' }) }
 */
export function sourceLinks(md: MarkdownRenderer, options: { repoRoot: string }): void {
  md.core.ruler.push('source-links', (state) => {
    const relativePath: unknown = state.env?.relativePath;
    if (typeof relativePath !== 'string') return;
    const folder = pageSourceFolder(relativePath);
    if (folder === null) return;
    let inHeading = false;
    for (const block of state.tokens) {
      if (block.type === 'heading_open') inHeading = true;
      if (block.type === 'heading_close') inHeading = false;
      if (inHeading || block.type !== 'inline' || block.children === null) continue;
      const children: Token[] = [];
      let linkDepth = 0;
      for (const child of block.children) {
        if (child.type === 'link_open') linkDepth += 1;
        if (child.type === 'link_close') linkDepth -= 1;
        const path =
          child.type === 'code_inline' && linkDepth === 0
            ? linkedFile(child.content, folder, options.repoRoot)
            : null;
        if (path === null) {
          children.push(child);
          continue;
        }
        const open = new state.Token('link_open', 'a', 1);
        open.attrs = [
          ['href', sourceUrl(path)],
          ['class', 'source-link'],
          ['target', '_blank'],
          ['rel', 'noreferrer'],
        ];
        children.push(open, child, new state.Token('link_close', 'a', -1));
      }
      block.children = children;
    }
  });
}
