// Marks the `::: info Output (recorded)` containers so the theme can draw them as notebook
// output cells. VitePress renders every `::: info` the same way and CSS cannot match a title's
// text, so the mark is added here, where the container's title is still known.
import type { MarkdownRenderer } from 'vitepress';

/** Container titles that introduce an example's output, e.g. 'Output (recorded)'. */
const outputTitle = /^info\s+Output\b/i;

/**
 * markdown-it plugin: gives `::: info Output …` containers the attribute `data-cell="output"`.
 *
 * @example
 * markdown: { config: (md) => md.use(notebookOutputCells) }
 */
export function notebookOutputCells(md: MarkdownRenderer): void {
  md.core.ruler.push('notebook-output-cells', (state) => {
    for (const token of state.tokens) {
      if (token.type === 'container_info_open' && outputTitle.test(token.info.trim())) {
        token.attrSet('data-cell', 'output');
      }
    }
  });
}
