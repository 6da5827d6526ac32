// The site's build is cached by turbo, keyed by the files it reads: docs/turbo.json's
// `docs:build` inputs, plus every file of the workspace packages docs/ depends on (their
// `transit` tasks carry those files into the key). A file the site embeds but the key leaves out
// is a stale page waiting to happen: re-record an output, and `pnpm run docs:build` restores the
// old site from the cache, with a cached test run to match. Every embedded file must be in the key.
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { workspacePackages } from '@netprog/repo-checks';
import { describe, expect, it } from 'vitest';
import { scanSite } from './embeds/scan-site.ts';

const docsRoot = fileURLToPath(new URL('..', import.meta.url));
const repoRoot = join(docsRoot, '..');

interface PackageJson {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;

/**
 * A turbo input glob as a regular expression over repository-relative paths: `**` any number of
 * folders, `*` any name within one. These two are all the inputs use (the test below checks).
 *
 * @example
 * globToRegExp('chapters/*\/outputs/**').test('chapters/02-x/outputs/a.txt') // true
 */
function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+^${}()|[\]\\?]/g, '\\$&');
  return new RegExp(`^${escaped.replace(/\*\*|\*/g, (star) => (star === '**' ? '.*' : '[^/]*'))}$`);
}

/** The folders (repository-relative) of the workspace packages a package depends on, transitively. */
function workspaceDependencyFolders(packageFolder: string): string[] {
  const folders = new Map(workspacePackages(repoRoot).map((p) => [p.name, p.dir]));
  const seen = new Set<string>();
  const visit = (folder: string) => {
    const json = readJson<PackageJson>(join(repoRoot, folder, 'package.json'));
    const deps = { ...json.dependencies, ...json.devDependencies };
    for (const [name, version] of Object.entries(deps)) {
      const depFolder = folders.get(name);
      if (!version.startsWith('workspace:') || depFolder === undefined || seen.has(depFolder)) {
        continue;
      }
      seen.add(depFolder);
      visit(depFolder);
    }
  };
  visit(packageFolder);
  return [...seen];
}

describe("the site's build cache key", () => {
  const turbo = readJson<{ tasks: Record<string, { inputs?: string[] }> }>(
    join(docsRoot, 'turbo.json'),
  );
  const inputs = turbo.tasks['docs:build']?.inputs ?? [];
  const fromRoot = inputs
    .filter((input) => input.startsWith('$TURBO_ROOT$/'))
    .map((input) => input.slice('$TURBO_ROOT$/'.length));
  const patterns = fromRoot.map(globToRegExp);
  const packages = workspaceDependencyFolders('docs');

  it('reads its globs as turbo does', () => {
    expect(fromRoot.length).toBeGreaterThan(0);
    for (const glob of fromRoot)
      expect(glob, 'a glob this test cannot read').toMatch(/^[\w./*-]+$/);
    expect(globToRegExp('chapters/*/outputs/**').test('chapters/02-x/outputs/a/b.txt')).toBe(true);
    expect(globToRegExp('chapters/*/README.md').test('chapters/02-x/y/README.md')).toBe(false);
    expect(packages).toContain('packages/socket-core');
  });

  it('covers every file a page embeds', () => {
    const embedded = new Set(scanSite(docsRoot).embeds.map((e) => relative(repoRoot, e.target)));
    const missing = [...embedded].filter(
      (file) =>
        !file.startsWith('docs/') &&
        !packages.some((folder) => file.startsWith(`${folder}/`)) &&
        !patterns.some((pattern) => pattern.test(file)),
    );
    expect(
      missing.sort(),
      'embedded files the build cache ignores: add a glob for them to docs/turbo.json (docs:build inputs)',
    ).toEqual([]);
  });
});
