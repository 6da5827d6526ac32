// The small pure pieces of the site's configuration: where a page's text lives, links into the
// repository, how far a diagram may shrink, which of mermaid's files the site ships, and when
// the data loaders watch files.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { siteFooterMessage } from '../.vitepress/footer.ts';
import { devWatch } from '../.vitepress/loader-watch.ts';
import { mermaidDist, mermaidFiles } from '../.vitepress/mermaid-prebuilt.ts';
import {
  editLinkPattern,
  pageSourceFile,
  pageSourceFolder,
  repository,
  sourceUrl,
} from '../.vitepress/repository.ts';
import { minDiagramWidth } from '../.vitepress/theme/diagram-frame.ts';

describe('the repository', () => {
  it('is named in one place, and every link is built from it', () => {
    expect(repository.url).toMatch(/^https:\/\/github\.com\/[\w.-]+\/[\w.-]+$/);
    expect(sourceUrl('labs/chapter3/exercises/port-spec.ts')).toBe(
      `${repository.url}/blob/${repository.branch}/labs/chapter3/exercises/port-spec.ts`,
    );
    expect(sourceUrl('a b/c#d.ts', { from: 3, to: 9 })).toBe(
      `${repository.url}/blob/${repository.branch}/a%20b/c%23d.ts#L3-L9`,
    );
    expect(editLinkPattern()).toBe(`${repository.url}/edit/${repository.branch}/:path`);
  });

  it("edits a chapter's or lab's README, and other pages where they are written", () => {
    expect(pageSourceFile('chapters/03-client.md')).toBe('chapters/03-client/README.md');
    expect(pageSourceFile('labs/chapter3.md')).toBe('labs/chapter3/README.md');
    expect(pageSourceFile('labs/index.md')).toBe('docs/labs/index.md');
    expect(pageSourceFile('start.md')).toBe('docs/start.md');
    expect(pageSourceFolder('chapters/notes.md')).toBeNull();
  });
});

describe('diagrams', () => {
  it('shrink only until their smallest label would be smaller than readable', () => {
    expect(minDiagramWidth(1000, 16, 12.5)).toBe(782);
    expect(minDiagramWidth(1000, 10, 12.5)).toBe(1000);
  });
});

describe('the footer', () => {
  it('shows the course version of the root package.json', async () => {
    const root = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    expect(await siteFooterMessage()).toMatch(
      new RegExp(`^netprog ${root.version} · MIT licensed`),
    );
  });
});

describe("mermaid's own files", () => {
  it('are the entry and every chunk it can load, without source maps', () => {
    const dist = mermaidDist();
    const files = mermaidFiles(dist);
    expect(files[0]).toBe('mermaid.esm.min.mjs');
    expect(files.every((file) => file.endsWith('.mjs'))).toBe(true);
    // Each shipped file imports others by relative path: every one of them must be shipped too.
    const shipped = new Set(files);
    let imports = 0;
    for (const file of files) {
      const text = readFileSync(join(dist, file), 'utf8');
      const folder = file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : '';
      for (const [, target] of text.matchAll(/["'](\.\.?\/[^"']+\.mjs)["']/g)) {
        const resolved = new URL(target ?? '', `file:///${folder}`).pathname.slice(1);
        expect(shipped, `${file} imports ${target}`).toContain(resolved);
        imports += 1;
      }
    }
    expect(imports).toBeGreaterThan(files.length); // the pattern found the imports
  });
});

describe("the data loaders' watch patterns", () => {
  const patterns = ['../../labs/*/lab.json'];

  it('are there for the dev server, which reloads the data when a matching file changes', () => {
    expect(devWatch(patterns, {})).toEqual(patterns);
    expect(devWatch(patterns, { NODE_ENV: 'development' })).toEqual(patterns);
  });

  it('are left out of a build, where VitePress would glob the whole repository for nothing', () => {
    expect(devWatch(patterns, { NODE_ENV: 'production' })).toBeUndefined();
  });

  it('go through devWatch in every loader', () => {
    const docs = fileURLToPath(new URL('..', import.meta.url));
    const loaders = readdirSync(docs, { recursive: true, encoding: 'utf8' }).filter(
      (file) => /\.data\.m?ts$/.test(file) && !/(^|\/)(node_modules|dist|cache)\//.test(file),
    );
    expect(loaders.length).toBeGreaterThan(0);
    for (const loader of loaders) {
      const text = readFileSync(join(docs, loader), 'utf8');
      expect(text, loader).toMatch(/\bwatch: devWatch\(\[/);
    }
  });
});
