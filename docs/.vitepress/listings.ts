// Listings: every code block embedded from a file (`<<< @/../chapters/03-client/src/scanner.ts#scan`)
// is drawn as a listing, the way course books print code: a title naming the file, linked to it
// in the repository (to the region's lines when only a region is shown), the code, and the
// whole file one click away, collapsed. A listing longer than `maxOpenLines` starts collapsed
// too, so no page shows a wall of code. Outputs (`::: info Output (recorded)`) stay as they are.
//
// When the text shows several regions of one file in a row, only the last of them carries the
// whole file. Region markers (`// #region scan`) are for the site: whole-file views leave them out.
// The whole file is not in the page: it is fetched when the reader opens it (whole-files.ts).
//
// Every code block, listing or not, also gets what wrapping and scrolling need: a
// `data-scroll-cue` on its frame (custom CSS draws the cue) and, on each indented line, its
// indentation as `--indent` (a wrapped line continues under its own first character).
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { MarkdownRenderer } from 'vitepress';
import { findRegion, isRegionMarker } from './embed-syntax.ts';
import { sourceUrl } from './repository.ts';
import { keepWholeFile, wholeFilesFolder } from './whole-files.ts';

/** Listings longer than this many lines (about two screens) start collapsed. */
export const maxOpenLines = 64;

type RenderRule = NonNullable<MarkdownRenderer['renderer']['rules']['fence']>;
type Token = Parameters<RenderRule>[0][number];
/** VitePress's snippet plugin stores the file and region of a `<<<` import on its token. */
type SnippetToken = Token & { src?: [file: string, region: string] };

const outputTitle = /^info\s+Output\b/i;

/**
 * markdown-it plugin: draws `<<<` file embeds as titled listings (see the top of this file).
 *
 * @example
 * markdown: { config: (md) => md.use(listings, { repoRoot: '/repo' }) }
 */
export function listings(md: MarkdownRenderer, options: { repoRoot: string }): void {
  md.core.ruler.push('listings', (state) => {
    // Which fences sit inside an output cell: those are recorded outputs, not listings.
    let depth = 0;
    let cell: Token | null = null;
    // Tabs (`::: code-group`): VitePress switches tabs by the blocks' own classes, so a block
    // wrapped in a listing's <figure> would never show. Tabs stay VitePress's code blocks; their
    // titles name the files.
    let groups = 0;
    const listingTokens: SnippetToken[] = [];
    for (const token of state.tokens as SnippetToken[]) {
      if (token.type === 'container_code-group_open') groups += 1;
      if (token.type === 'container_code-group_close') groups -= 1;
      if (token.type === 'fence' && groups > 0) token.meta = { ...token.meta, tab: true };
      if (token.type === 'container_info_open' && outputTitle.test(token.info.trim())) {
        cell = token;
        depth = 1;
      } else if (cell !== null && token.type.startsWith('container_')) {
        depth += token.nesting;
        if (depth === 0) cell = null;
      } else if (token.type === 'fence' && token.src !== undefined) {
        if (cell === null) {
          if (groups === 0) listingTokens.push(token);
        } else {
          token.meta = { ...token.meta, output: true };
          cell.attrSet('data-source', relative(options.repoRoot, token.src[0]));
        }
      }
    }
    // The whole file goes under the last listing of a run of listings of the same file.
    for (const [index, token] of listingTokens.entries()) {
      const next = listingTokens[index + 1];
      token.meta = { ...token.meta, wholeFileHere: next?.src?.[0] !== token.src?.[0] };
    }
  });

  const inner = md.renderer.rules.fence;
  if (inner === undefined) throw new Error('listings: no fence renderer to wrap (plugin order?)');
  md.renderer.rules.fence = (tokens, idx, mdOptions, env, self) => {
    const token = tokens[idx] as SnippetToken;
    const src = token.src;
    // The token itself renders in place (Mermaid names a diagram after its index); a copy alone.
    const render = (t: Token) => {
      const html =
        t === token
          ? inner(tokens, idx, mdOptions, env, self)
          : inner([t], 0, mdOptions, env, self);
      // Mermaid's renderer gives a component, not a code block: leave it to the theme.
      if (!html.trimStart().startsWith('<div class="language-')) return html;
      // For a snippet, the snippet renderer has replaced t.content with the file's text by now.
      return withLineIndents(withScrollCue(html), t.content);
    };
    if (src === undefined || token.meta?.output === true || token.meta?.tab === true) {
      return render(token);
    }

    const [file, region] = src;
    // VitePress reloads a page in `vitepress dev` when a file it lists here changes.
    (env as { includes?: string[] }).includes?.push(file);
    const path = relative(options.repoRoot, file);
    const lines = readFileSync(file, 'utf8').replace(/\r\n/g, '\n').replace(/\n$/, '').split('\n');
    const found = region === '' ? null : findRegion(lines, region);
    // findRegion counts from 0 and ends before the end marker: the region's own lines, 1-based.
    const range = found === null ? null : { from: found.start + 1, to: found.end };
    const wholeText = lines.filter((line) => !isRegionMarker(line)).join('\n');
    const code = render(range === null ? plainFence(token, wholeText) : token);
    const shown = range === null ? wholeText.split('\n').length : range.to - range.from + 1;
    const wholeCount = wholeText.split('\n').length;

    const body =
      shown > maxOpenLines
        ? `<details class="listing-long"><summary>Show ${range === null ? `all ${shown} lines` : `lines ${range.from}–${range.to}`}</summary>${code}</details>`
        : code;
    let whole = '';
    if (range !== null && token.meta?.wholeFileHere === true) {
      const key = keepWholeFile(render(plainFence(token, wholeText)));
      whole =
        `<details class="listing-whole" data-whole="/${wholeFilesFolder}/${key}.html">` +
        `<summary>The whole file <span class="listing-count">(${wholeCount} lines)</span></summary>` +
        `<p class="listing-whole-status">Loading ${escapeHtml(path)}…</p></details>`;
    }
    const lineNote = range === null ? `${wholeCount} lines` : `lines ${range.from}–${range.to}`;
    return (
      `<figure class="listing" data-listing>` +
      `<figcaption class="listing-title">` +
      `<a class="listing-file" href="${escapeHtml(sourceUrl(path, range ?? undefined))}" ` +
      `target="_blank" rel="noreferrer" title="Open ${escapeHtml(path)} in the repository">` +
      `${escapeHtml(path)}</a><span class="listing-range">${lineNote}</span></figcaption>` +
      `${body}${whole}</figure>\n`
    );
  };
}

/** A copy of a snippet's token that renders `content` as it is (no file reading). */
function plainFence(token: SnippetToken, content: string): SnippetToken {
  const copy = Object.assign(Object.create(Object.getPrototypeOf(token)), token) as SnippetToken;
  copy.src = undefined;
  copy.content = `${content}\n`;
  copy.meta = { ...token.meta };
  return copy;
}

/**
 * Marks a rendered code block's frame with `data-scroll-cue`: where the block scrolls sideways
 * (narrow screens), custom CSS shades the edge that has more to show.
 *
 * @example
 * withScrollCue('<div class="language-ts">…') // '<div data-scroll-cue class="language-ts">…'
 */
export function withScrollCue(html: string): string {
  return html.replace(/^(\s*)<div class="language-/, '$1<div data-scroll-cue class="language-');
}

/**
 * Gives each rendered line (`<span class="line">`, one per line of `text`, in order) its
 * indentation in characters as the CSS variable `--indent`, so that a line too long for the
 * column wraps under its own first character instead of under the margin.
 *
 * @example
 * withLineIndents('<span class="line">a</span>\n<span class="line">  b</span>', 'a\n  b')
 * // '<span class="line">a</span>\n<span style="--indent:2" class="line">  b</span>'
 */
export function withLineIndents(html: string, text: string): string {
  const indents = text
    .replace(/\n$/, '')
    .split('\n')
    .map((line) => /^[ \t]*/.exec(line)?.[0].replace(/\t/g, '  ').length ?? 0);
  let index = 0;
  return html.replace(/<span class="line(?=[ "])/g, (match) => {
    const indent = indents[index] ?? 0;
    index += 1;
    return indent === 0 ? match : `<span style="--indent:${indent}" class="line`;
  });
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}
