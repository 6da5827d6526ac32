// VitePress compiles every page into a Vue template, and its markdown reads any line that starts
// with `<word` as the start of an HTML element or Vue component. A wrapped sentence such as
// "run `pnpm lab chapter3 hint\n<exercise>` next" then breaks the build with Vue's cryptic
// "Element is missing end tag". This finds such lines and says which one to rewrap.

/** Tags a page may legitimately start a line with. */
const htmlTags = new Set(
  (
    'a abbr address article aside audio b blockquote br button caption code col colgroup dd del ' +
    'details dfn div dl dt em figcaption figure footer h1 h2 h3 h4 h5 h6 header hr i iframe img ' +
    'input ins kbd label li main mark nav ol p picture pre q s samp script section small source ' +
    'span strong style sub summary sup svg table tbody td template textarea tfoot th thead time ' +
    'tr u ul var video'
  ).split(' '),
);

/** A line that starts with something VitePress will read as a tag it cannot close. */
export interface StrayTag {
  line: number;
  tag: string;
  text: string;
}

/**
 * Lines outside code fences that start with `<name` where `name` is neither an HTML tag nor a
 * Vue component (PascalCase, e.g. `<InSocketCore />`).
 *
 * @example
 * findStrayTags('see `pnpm lab hint\n<exercise>` for more') // [{ line: 2, tag: 'exercise', … }]
 */
export function findStrayTags(text: string): StrayTag[] {
  const found: StrayTag[] = [];
  let fence: string | null = null;
  for (const [index, line] of text.split(/\r?\n/).entries()) {
    const trimmed = line.trim();
    const marker = /^(`{3,}|~{3,})/.exec(trimmed)?.[1];
    if (fence !== null) {
      if (marker !== undefined && marker[0] === fence[0] && marker.length >= fence.length) {
        fence = null;
      }
      continue;
    }
    if (marker !== undefined) {
      fence = marker;
      continue;
    }
    const tag = /^<\/?([A-Za-z][\w-]*)/.exec(trimmed)?.[1];
    if (tag === undefined || htmlTags.has(tag.toLowerCase()) || /^[A-Z]/.test(tag)) continue;
    found.push({ line: index + 1, tag, text: trimmed });
  }
  return found;
}
