// The two ways a page pulls in another file, parsed the way VitePress 1.6 parses them
// (node_modules/vitepress/dist/node: processIncludes, snippetPlugin, findRegion). Pure
// functions over text, shared by the build (listings.ts numbers a region's lines) and the
// tests (test/embeds/scan-site.ts does the file reading).

/** `<!--@include: path#region-->` or `<!--@include: path{from,to}-->`. */
export interface IncludeRef {
  /** The text between `@include:` and `-->`, as written. */
  raw: string;
  path: string;
  region: string | null;
  /** 1-based inclusive line range, either end open. */
  range: { from: number | null; to: number | null } | null;
  /** 1-based line of the directive in the file that contains it. */
  line: number;
}

/** `<<< path#region{lines lang} [title]`. */
export interface SnippetRef {
  raw: string;
  path: string;
  region: string | null;
  line: number;
}

const includePattern = /<!--\s*@include:\s*(.*?)\s*-->/g;
// VitePress applies these two to the whole directive, region first, then strips both.
const includeRegion = /(#[\w-]+)/;
const includeRange = /\{(\d*),(\d*)\}$/;
// Copied from VitePress 1.6.4's rawPathRegexp so a path means exactly what it means there.
const snippetPath =
  /^(.+?(?:(?:\.([a-z0-9]+))?))(?:(#[\w-]+))?(?: ?(?:{(\d+(?:[,-]\d+)*)? ?(\S+)? ?(\S+)?}))? ?(?:\[(.+)\])?$/;

/**
 * Every `<!--@include: …-->` in a file. VitePress expands them on the raw text before parsing
 * markdown, so this looks everywhere, inside code fences too, just as VitePress does.
 *
 * @example
 * findIncludes('<!--@include: @/../chapters/03-client/README.md-->')
 * // [{ raw: '@/../chapters/03-client/README.md', path: '@/../chapters/03-client/README.md', region: null, range: null, line: 1 }]
 */
export function findIncludes(text: string): IncludeRef[] {
  const found: IncludeRef[] = [];
  for (const match of text.matchAll(includePattern)) {
    const raw = match[1] ?? '';
    if (raw.length === 0) continue;
    const region = includeRegion.exec(raw);
    const range = includeRange.exec(raw);
    const metaLength = (region?.[0].length ?? 0) + (range?.[0].length ?? 0);
    found.push({
      raw,
      path: metaLength > 0 ? raw.slice(0, -metaLength) : raw,
      region: region?.[1]?.slice(1) ?? null,
      range: range === null ? null : { from: toLineNumber(range[1]), to: toLineNumber(range[2]) },
      line: lineOf(text, match.index),
    });
  }
  return found;
}

/**
 * Every `<<< path` snippet import that markdown would see: lines starting with `<<<` outside
 * fenced code blocks.
 *
 * @example
 * findSnippets('<<< @/../chapters/03-client/src/scanner.ts#scan{2 ts}')
 * // [{ raw: '@/../chapters/03-client/src/scanner.ts#scan{2 ts}', path: '@/../chapters/03-client/src/scanner.ts', region: 'scan', line: 1 }]
 */
export function findSnippets(text: string): SnippetRef[] {
  const found: SnippetRef[] = [];
  const lines = text.split(/\r?\n/);
  let fence: { char: string; length: number } | null = null;
  for (const [index, line] of lines.entries()) {
    const trimmed = line.trim();
    const marker = /^(`{3,}|~{3,})/.exec(trimmed);
    if (fence !== null) {
      if (
        marker?.[1] !== undefined &&
        marker[1][0] === fence.char &&
        marker[1].length >= fence.length &&
        trimmed.slice(marker[1].length).trim() === ''
      ) {
        fence = null;
      }
      continue;
    }
    if (marker?.[1] !== undefined) {
      fence = { char: marker[1][0] ?? '`', length: marker[1].length };
      continue;
    }
    if (!trimmed.startsWith('<<<')) continue;
    const raw = trimmed.slice(3).trim();
    const parts = snippetPath.exec(raw);
    found.push({
      raw,
      path: parts?.[1] ?? raw,
      region: parts?.[3]?.slice(1) ?? null,
      line: index + 1,
    });
  }
  return found;
}

/** The region markers VitePress knows, one pattern per comment style (its own list, in order). */
const regionMarkers = [
  /^\/\/ ?#?((?:end)?region) ([\w*-]+)$/,
  /^\/\* ?#((?:end)?region) ([\w*-]+) ?\*\/$/,
  /^#pragma ((?:end)?region) ([\w*-]+)$/,
  /^<!-- #?((?:end)?region) ([\w*-]+) -->$/,
  /^#((?:End )Region) ([\w*-]+)$/,
  /^::#((?:end)region) ([\w*-]+)$/,
  /^# ?((?:end)?region) ([\w*-]+)$/,
];

/**
 * True for a `#region name` or `#endregion name` marker line in any comment style VitePress knows.
 * A listing of a whole file leaves these out: they are for the site, not for the reader.
 *
 * @example
 * isRegionMarker('  // #region scan') // true
 * isRegionMarker('// the region of interest') // false
 */
export function isRegionMarker(line: string): boolean {
  return regionMarkers.some((marker) => marker.test(line.trim()));
}

/**
 * The lines between `#region name` and `#endregion name` markers, found the way VitePress finds
 * them (`// #region x`, `/* #region x *\/`, `<!-- #region x -->`, `# region x`, …), or null when
 * there is no such region. VitePress itself embeds the WHOLE file when a region is missing,
 * silently; that is why this check exists.
 *
 * @example
 * findRegion(['a', '// #region scan', 'b', '// #endregion scan'], 'scan') // { start: 2, end: 3 }
 */
export function findRegion(
  lines: readonly string[],
  name: string,
): { start: number; end: number } | null {
  const isMarker = (line: string, marker: RegExp, end: boolean) => {
    const [full, tag, regionName] = marker.exec(line.trim()) ?? [];
    return (
      full !== undefined &&
      regionName === name &&
      (end ? /^[Ee]nd ?[rR]egion$/ : /^[rR]egion$/).test(tag ?? '')
    );
  };
  const markers = regionMarkers;
  let open: RegExp | null = null;
  let start = -1;
  for (const [index, line] of lines.entries()) {
    if (open === null) {
      const marker = markers.find((m) => isMarker(line, m, false));
      if (marker !== undefined) {
        open = marker;
        start = index + 1;
      }
    } else if (isMarker(line, open, true)) {
      return { start, end: index };
    }
  }
  return null;
}

function toLineNumber(text: string | undefined): number | null {
  return text === undefined || text === '' ? null : Number.parseInt(text, 10);
}

function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}
