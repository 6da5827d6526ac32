/// <reference types="vite/client" />
// What `import mermaid from 'mermaid'` is in the site (see ../mermaid-prebuilt.ts): the same
// three calls the diagram component makes, answered by mermaid's own built files, loaded from
// /vendor/mermaid/ the first time a diagram is drawn. Nothing loads during server rendering:
// diagrams are drawn in the browser only.
import type { ExternalDiagramDefinition, Mermaid, MermaidConfig } from 'mermaid';

let loading: Promise<Mermaid> | undefined;
let config: MermaidConfig = {};

/** mermaid itself, loaded once. */
function load(): Promise<Mermaid> {
  const url = `${import.meta.env.BASE_URL}vendor/mermaid/mermaid.esm.min.mjs`;
  loading ??= import(/* @vite-ignore */ url).then((module: { default: Mermaid }) => module.default);
  return loading;
}

export default {
  /** Kept until the next render: mermaid may not be loaded yet. */
  initialize(next: MermaidConfig): void {
    config = next;
  },
  async render(id: string, text: string): ReturnType<Mermaid['render']> {
    const mermaid = await load();
    mermaid.initialize(config);
    return mermaid.render(id, text);
  },
  async registerExternalDiagrams(diagrams: ExternalDiagramDefinition[]): Promise<void> {
    if (diagrams.length > 0) await (await load()).registerExternalDiagrams(diagrams);
  },
};
