// Where the course's source lives. THIS IS THE ONE PLACE TO CHANGE when the repository moves:
// the nav's source link, every "edit this page" link, the file links above listings, the lab
// pages' links to exercise files and the clone command on "Getting started" are all built here.

/** The repository readers clone, and the branch the site is built from. */
export const repository = {
  url: 'https://github.com/netprog-course/netprog',
  branch: 'main',
} as const;

/** A 1-based, inclusive range of lines in a file. */
export interface LineRange {
  from: number;
  to: number;
}

/**
 * The page on the repository host that shows `path` (relative to the repository root),
 * optionally with a range of lines highlighted.
 *
 * @example
 * sourceUrl('chapters/03-client/src/scanner.ts', { from: 12, to: 40 })
 * // 'https://github.com/netprog-course/netprog/blob/main/chapters/03-client/src/scanner.ts#L12-L40'
 */
export function sourceUrl(path: string, lines?: LineRange): string {
  const anchor = lines === undefined ? '' : `#L${lines.from}-L${lines.to}`;
  return `${repository.url}/blob/${repository.branch}/${encodePath(path)}${anchor}`;
}

/**
 * The pattern VitePress turns into each page's "edit this page" link: `:path` becomes the
 * page's file relative to the repository root (see pageSourceFile).
 *
 * @example
 * editLinkPattern() // 'https://github.com/netprog-course/netprog/edit/main/:path'
 */
export function editLinkPattern(): string {
  return `${repository.url}/edit/${repository.branch}/:path`;
}

/**
 * The file a reader should edit to change a page, relative to the repository root. Chapter and
 * lab pages only include their README, so their text lives beside the chapter's code.
 *
 * @example
 * pageSourceFile('chapters/03-client.md') // 'chapters/03-client/README.md'
 * pageSourceFile('labs/chapter3.md')      // 'labs/chapter3/README.md'
 * pageSourceFile('start.md')              // 'docs/start.md'
 */
export function pageSourceFile(relativePath: string): string {
  const folder = pageSourceFolder(relativePath);
  return folder === null ? `docs/${relativePath}` : `${folder}/README.md`;
}

/**
 * The folder whose README a chapter or lab page includes, relative to the repository root, or
 * null for pages written in docs/. Paths in that README (`src/scanner.ts`) are relative to it.
 *
 * @example
 * pageSourceFolder('chapters/04-server.md') // 'chapters/04-server'
 * pageSourceFolder('labs/index.md')         // null
 */
export function pageSourceFolder(relativePath: string): string | null {
  const chapter = /^chapters\/(\d\d-[a-z0-9-]+)\.md$/.exec(relativePath);
  if (chapter?.[1] !== undefined) return `chapters/${chapter[1]}`;
  const lab = /^labs\/(chapter\d+)\.md$/.exec(relativePath);
  if (lab?.[1] !== undefined) return `labs/${lab[1]}`;
  return null;
}

function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}
