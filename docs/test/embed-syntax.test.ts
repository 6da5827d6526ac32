import { describe, expect, it } from 'vitest';
import { findIncludes, findRegion, findSnippets } from '../.vitepress/embed-syntax.ts';
import { findStrayTags } from './embeds/stray-tags.ts';

describe('findIncludes', () => {
  it('finds a whole-file include rooted at @', () => {
    const [ref] = findIncludes('intro\n<!--@include: @/../chapters/03-client/README.md-->\n');
    expect(ref).toEqual({
      raw: '@/../chapters/03-client/README.md',
      path: '@/../chapters/03-client/README.md',
      region: null,
      range: null,
      line: 2,
    });
  });

  it('splits off a region and a line range the way VitePress does', () => {
    const [withRegion, withRange] = findIncludes(
      '<!-- @include: ./parts/a.md#setup -->\n<!--@include: ./parts/b.md{3,}-->',
    );
    expect(withRegion).toMatchObject({ path: './parts/a.md', region: 'setup', range: null });
    expect(withRange).toMatchObject({ path: './parts/b.md', range: { from: 3, to: null } });
  });

  it('sees includes inside code fences too, because VitePress expands them there', () => {
    expect(findIncludes('```md\n<!--@include: ./x.md-->\n```')).toHaveLength(1);
  });
});

describe('findSnippets', () => {
  it('parses path, region, highlights, language and title', () => {
    const [ref] = findSnippets('<<< @/../chapters/03-client/src/scanner.ts#scan{2-4 ts} [scanner]');
    expect(ref).toMatchObject({ path: '@/../chapters/03-client/src/scanner.ts', region: 'scan' });
  });

  it('finds snippets inside containers and ignores them inside code fences', () => {
    const text = [
      '::: info Output (recorded)',
      '<<< @/../chapters/03-client/outputs/port-scan.txt',
      ':::',
      '````md',
      '<<< @/not/a/real/embed.ts',
      '```',
      '<<< @/still/in/the/fence.ts',
      '````',
    ].join('\n');
    expect(findSnippets(text).map((s) => s.path)).toEqual([
      '@/../chapters/03-client/outputs/port-scan.txt',
    ]);
  });
});

describe('findRegion', () => {
  const file = [
    'import x from "y";',
    '// #region connect',
    'await s.connect(address);',
    '// #endregion connect',
    '/* #region style */',
    'a {}',
    '/* #endregion style */',
    '<!-- #region text -->',
    'words',
    '<!-- #endregion text -->',
  ];

  it('finds TypeScript, CSS and markdown style markers', () => {
    expect(findRegion(file, 'connect')).toEqual({ start: 2, end: 3 });
    expect(findRegion(file, 'style')).toEqual({ start: 5, end: 6 });
    expect(findRegion(file, 'text')).toEqual({ start: 8, end: 9 });
  });

  it('returns null for a region that is missing or never closed', () => {
    expect(findRegion(file, 'scan')).toBeNull();
    expect(findRegion(['// #region open', 'x'], 'open')).toBeNull();
  });

  it('does not match a region whose name only starts the same', () => {
    expect(
      findRegion(['// #region connectEx', 'x', '// #endregion connectEx'], 'connect'),
    ).toBeNull();
  });
});

describe('findStrayTags', () => {
  it('finds a wrapped line that starts with a made-up tag', () => {
    const text = 'Run `pnpm lab chapter3 hint\n<exercise>` to see the next hint.';
    expect(findStrayTags(text)).toEqual([
      { line: 2, tag: 'exercise', text: '<exercise>` to see the next hint.' },
    ]);
  });

  it('accepts HTML, Vue components, comments and snippet imports', () => {
    const text = [
      '<table>',
      '<InSocketCore name="recv" />',
      '<!--@include: ./x.md-->',
      '<<< @/../chapters/03-client/examples/a.ts',
      '</details>',
    ].join('\n');
    expect(findStrayTags(text)).toEqual([]);
  });

  it('ignores code fences', () => {
    expect(findStrayTags('```ts\n<T>(x: T) => x\n```')).toEqual([]);
  });
});
