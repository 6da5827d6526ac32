// Each code block highlighted once per build, not three times. VitePress renders every page's
// markdown for the client bundle, again for the server bundle, and again for the local search
// index; shiki (a WebAssembly regex engine under a TextMate grammar) was the largest single cost
// of a cold build: 753 highlight calls for 242 distinct blocks, about a third of its CPU.
import type { MarkdownRenderer } from 'vitepress';

type Highlight = NonNullable<MarkdownRenderer['options']['highlight']>;

/**
 * The blocks highlighted so far, shared by every renderer this process makes: the search index
 * gets a renderer of its own, built from the same markdown options.
 */
const highlighted = new Map<string, string>();

/**
 * Wraps a highlight function so that the same (code, language, attributes) is highlighted
 * once and then answered from `done`. Highlighting is a pure function of those three, for
 * renderers made from the same options (one site's config).
 *
 * @example
 * const once = highlightOnce(highlight); once('x', 'ts', ''); once('x', 'ts', ''); // highlights once
 */
export function highlightOnce(highlight: Highlight, done = highlighted): Highlight {
  return (code, lang, attrs) => {
    // NUL cannot occur in a language name or attribute list, so the key is unambiguous.
    const key = `${lang}\0${attrs}\0${code}`;
    let html = done.get(key);
    if (html === undefined) {
      html = highlight(code, lang, attrs);
      done.set(key, html);
    }
    return html;
  };
}

/**
 * markdown-it plugin: highlight through highlightOnce. Use it after VitePress has set up shiki,
 * i.e. from `markdown.config`.
 *
 * @example
 * markdown: { config: (md) => md.use(highlightBlocksOnce) }
 */
export function highlightBlocksOnce(md: MarkdownRenderer): void {
  const highlight = md.options.highlight;
  if (highlight !== undefined && highlight !== null)
    md.options.highlight = highlightOnce(highlight);
}
