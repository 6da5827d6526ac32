// Every Mermaid diagram is drawn inside <DiagramFrame> (theme/diagram-frame.ts), which keeps its
// labels at a readable size (scrolling sideways on a phone rather than shrinking them) and
// offers a full-screen view. This plugin only puts the frame around what the Mermaid plugin
// renders; it must be registered after that plugin, which withMermaid guarantees.
import type { MarkdownRenderer } from 'vitepress';

/**
 * markdown-it plugin: wraps each ```mermaid block's output in `<DiagramFrame>`.
 *
 * @example
 * markdown: { config: (md) => md.use(diagramFrames) }
 */
export function diagramFrames(md: MarkdownRenderer): void {
  const inner = md.renderer.rules.fence;
  if (inner === undefined) throw new Error('diagramFrames: no fence renderer to wrap');
  md.renderer.rules.fence = (tokens, idx, options, env, self) => {
    const html = inner(tokens, idx, options, env, self);
    if (tokens[idx]?.info.trim() !== 'mermaid') return html;
    return `<DiagramFrame>${html}</DiagramFrame>\n`;
  };
}
