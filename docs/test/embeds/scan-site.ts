// Reads every page of the site and every file those pages include, and lists what is wrong
// with their embeds. VitePress 1.6 fails the build on a missing `<<<` file, but silently skips a
// missing `<!--@include-->` and silently embeds the whole file for a missing #region; this scan
// turns all of those into errors, and checks that each embedded example has a recorded output.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import { findIncludes, findRegion, findSnippets } from '../../.vitepress/embed-syntax.ts';
import { findStrayTags } from './stray-tags.ts';

/** One embed found on the site, with where it was written and what it points at. */
export interface Embed {
  kind: 'include' | 'snippet';
  /** The page (under docs/) whose output contains the embed. */
  page: string;
  /** The file the directive is written in: the page itself or a file it includes. */
  writtenIn: string;
  line: number;
  raw: string;
  /** Absolute path the directive resolves to. */
  target: string;
  region: string | null;
}

export interface SiteScan {
  pages: string[];
  embeds: Embed[];
  /** Page -> the markdown that makes it up: the page's own text, then each included part. */
  sources: Map<string, string[]>;
  /** One line per problem: where, what is wrong, and what to do. */
  problems: string[];
}

/** Folders and files under docs/ that are not pages (mirrors srcExclude in config.ts). */
const notPages = ['node_modules', '.vitepress', 'test'];

/**
 * All markdown pages of the site, as absolute paths, sorted.
 *
 * @example
 * listPages('/repo/docs') // ['/repo/docs/chapters/01-resolution.md', …, '/repo/docs/start.md']
 */
export function listPages(docsRoot: string): string[] {
  return readdirSync(docsRoot, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.md'))
    .filter((file) => !notPages.some((dir) => file === dir || file.startsWith(`${dir}/`)))
    .filter((file) => file !== 'README.md' && file !== 'CHANGELOG.md')
    .map((file) => join(docsRoot, file))
    .sort();
}

/**
 * Scans every page and everything it includes, recursively.
 *
 * @example
 * const { problems } = scanSite('/repo/docs');
 * expect(problems).toEqual([]);
 */
export function scanSite(docsRoot: string): SiteScan {
  const repoRoot = resolve(docsRoot, '..');
  const pages = listPages(docsRoot);
  const embeds: Embed[] = [];
  const problems: string[] = [];
  const sources = new Map<string, string[]>();
  const show = (file: string) => relative(repoRoot, file);

  const visit = (page: string, file: string, text: string, depth: number) => {
    sources.set(page, [...(sources.get(page) ?? []), text]);
    for (const stray of findStrayTags(text)) {
      problems.push(
        `${show(file)}:${stray.line} (on page ${show(page)}): the line starts with <${stray.tag}, ` +
          'which VitePress reads as an HTML tag (the build then fails with "Element is missing end ' +
          'tag"). Rewrap the text so no line starts with "<", e.g. keep `code <like-this>` on one line.',
      );
    }
    for (const ref of findIncludes(text)) {
      const target = resolveIncludePath(ref.path, docsRoot, file);
      embeds.push({
        kind: 'include',
        page,
        writtenIn: file,
        line: ref.line,
        raw: ref.raw,
        target,
        region: ref.region,
      });
      const where = `${show(file)}:${ref.line} (on page ${show(page)})`;
      if (!isFile(target)) {
        problems.push(
          `${where}: <!--@include: ${ref.raw}--> points at ${show(target)}, which does not exist. ` +
            'VitePress would silently leave the page without it: fix the path or create the file.',
        );
        continue;
      }
      let included = readFileSync(target, 'utf8');
      if (ref.region !== null) {
        const lines = included.split(/\r?\n/);
        const region = findRegion(lines, ref.region);
        if (region === null) {
          problems.push(
            `${where}: ${show(target)} has no #region ${ref.region}; ` +
              `mark it with "<!-- #region ${ref.region} -->" … "<!-- #endregion ${ref.region} -->".`,
          );
          continue;
        }
        included = lines.slice(region.start, region.end).join('\n');
      }
      if (ref.range !== null) {
        const lines = included.split(/\r?\n/);
        included = lines
          .slice(ref.range.from === null ? 0 : ref.range.from - 1, ref.range.to ?? undefined)
          .join('\n');
      }
      if (depth > 10) {
        problems.push(`${where}: includes nest more than 10 deep; is a file including itself?`);
        continue;
      }
      visit(page, target, included, depth + 1);
    }

    for (const ref of findSnippets(text)) {
      const where = `${show(file)}:${ref.line} (on page ${show(page)})`;
      if (file !== page && !ref.path.startsWith('@')) {
        problems.push(
          `${where}: "<<< ${ref.raw}" is relative, and in an included file VitePress resolves it ` +
            `from the page (${show(dirname(page))}/), not from ${show(dirname(file))}/. ` +
            'Write it @/-rooted, e.g. <<< @/../chapters/03-client/examples/x.ts',
        );
        continue;
      }
      const target = resolveSnippetPath(ref.path, docsRoot, page);
      embeds.push({
        kind: 'snippet',
        page,
        writtenIn: file,
        line: ref.line,
        raw: ref.raw,
        target,
        region: ref.region,
      });
      if (!isFile(target)) {
        const fix = /^chapters\/[^/]+\/outputs\//.test(show(target))
          ? 'record it with `pnpm docs:record` (or fix the path)'
          : 'fix the path';
        problems.push(
          `${where}: "<<< ${ref.raw}" points at ${show(target)}, which does not exist; ${fix}.`,
        );
        continue;
      }
      if (ref.region !== null) {
        const lines = readFileSync(target, 'utf8').split(/\r?\n/);
        if (findRegion(lines, ref.region) === null) {
          problems.push(
            `${where}: ${show(target)} has no #region ${ref.region} (VitePress would embed the ` +
              `whole file instead). Mark it with "// #region ${ref.region}" … "// #endregion ${ref.region}".`,
          );
        }
      }
    }
  };

  for (const page of pages) visit(page, page, readFileSync(page, 'utf8'), 0);
  problems.push(...checkRecordedOutputs(embeds, repoRoot));
  return { pages, embeds, sources, problems };
}

/**
 * Every example embedded from a chapter's examples/ folder must have a recorded output
 * (chapters/NN/outputs/<example>.txt, or <example>.<variant>.txt), that output must be shown on
 * the same page, and the chapter's test/examples.test.ts must run the example, or nothing
 * would notice when it stops running.
 *
 * @example
 * checkRecordedOutputs(scan.embeds, '/repo') // [] when every example has its output
 */
export function checkRecordedOutputs(embeds: readonly Embed[], repoRoot: string): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const embed of embeds) {
    if (embed.kind !== 'snippet') continue;
    const fromRepo = relative(repoRoot, embed.target);
    const example = /^chapters\/([^/]+)\/examples\/(.+)$/.exec(fromRepo);
    if (example?.[1] === undefined || example[2] === undefined) continue;
    const key = `${embed.page}\0${embed.target}`;
    if (seen.has(key)) continue;
    seen.add(key);

    const chapterDir = join(repoRoot, 'chapters', example[1]);
    const name = example[2].slice(0, -extname(example[2]).length || undefined);
    const outputsDir = join(chapterDir, 'outputs', dirname(name));
    const stem = basename(name);
    const outputs = existsSync(outputsDir)
      ? readdirSync(outputsDir)
          .filter((f) => f === `${stem}.txt` || (f.startsWith(`${stem}.`) && f.endsWith('.txt')))
          .map((f) => join(outputsDir, f))
      : [];
    const where = `${relative(repoRoot, embed.page)} embeds ${fromRepo}`;
    if (outputs.length === 0) {
      problems.push(
        `${where}, but chapters/${example[1]}/outputs/${name}.txt does not exist. ` +
          `Run \`pnpm docs:record\` and commit the file it writes.`,
      );
      continue;
    }
    const shown = embeds.some(
      (e) => e.page === embed.page && e.kind === 'snippet' && outputs.includes(e.target),
    );
    if (!shown) {
      problems.push(
        `${where} without its recorded output. Show it under the code: ` +
          `"::: info Output (recorded)" / "<<< @/../${relative(repoRoot, outputs[0] ?? '')}" / ":::".`,
      );
    }
    const examplesTest = join(chapterDir, 'test', 'examples.test.ts');
    const testText = existsSync(examplesTest) ? readFileSync(examplesTest, 'utf8') : '';
    if (!testText.includes(stem)) {
      problems.push(
        `${where}, but chapters/${example[1]}/test/examples.test.ts never mentions ${stem}; ` +
          'add it there (runExample + compareWithRecording) so a broken example fails the tests.',
      );
    }
  }
  return problems;
}

/** Where VitePress looks for an include: `@/x` is under docs/, anything else is relative to the file. */
function resolveIncludePath(path: string, docsRoot: string, fromFile: string): string {
  if (path.startsWith('@')) return join(docsRoot, path.slice(path[1] === '/' ? 2 : 1));
  return join(dirname(fromFile), path);
}

/** Where VitePress looks for a snippet: `@` is docs/, anything else is relative to the PAGE. */
function resolveSnippetPath(path: string, docsRoot: string, page: string): string {
  if (path.startsWith('@')) return resolve(dirname(page), docsRoot + path.slice(1));
  return resolve(dirname(page), path);
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
