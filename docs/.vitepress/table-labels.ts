// Tables that never hide a column. On a wide screen a table wraps its cells to fit the column
// (custom CSS); on a phone there is no room for four columns side by side, so each row is drawn
// as a card, one cell under the other, each cell labelled with its column's header. CSS cannot
// read a header from a cell, so this plugin copies each header's text onto the cells below it.
import type { MarkdownRenderer } from 'vitepress';

type Token = ReturnType<MarkdownRenderer['parse']>[number];

/**
 * The plain text of a header cell's inline token: text and code, without markup.
 *
 * @example
 * headerText(inlineTokenOf('Plain Node (`node:net`)')) // 'Plain Node (node:net)'
 */
export function headerText(inline: Token | undefined): string {
  if (inline === undefined) return '';
  const parts = (inline.children ?? [])
    .filter((child) => child.type === 'text' || child.type === 'code_inline')
    .map((child) => child.content);
  return (parts.length > 0 ? parts.join('') : inline.content).trim();
}

/**
 * markdown-it plugin: gives every body cell `data-label="<its column's header>"`.
 *
 * @example
 * markdown: { config: (md) => md.use(tableLabels) }
 */
export function tableLabels(md: MarkdownRenderer): void {
  md.core.ruler.push('table-labels', (state) => {
    const tokens = state.tokens;
    let headers: string[] = [];
    let column = 0;
    for (const [index, token] of tokens.entries()) {
      switch (token.type) {
        case 'table_open':
          headers = [];
          break;
        case 'th_open':
          headers.push(headerText(tokens[index + 1]));
          break;
        case 'tr_open':
          column = 0;
          break;
        case 'td_open': {
          const label = headers[column] ?? '';
          if (label !== '') token.attrSet('data-label', label);
          column += 1;
          break;
        }
      }
    }
  });
}
