// A data loader's `watch` patterns, for the dev server only.
//
// VitePress uses a loader's `watch` patterns twice: the dev server reloads the data when a
// changed file matches one, and every load globs them to hand load() the matching files. Our
// loaders read their own files and take no list, so in a build the glob is pure cost, and a
// high one: VitePress 1.6's bundled glob starts a pattern that leaves docs/ at the repository
// root and walks all of it, node_modules symlinks included (about 200,000 stat calls; 9 of a
// 28 CPU-s build, measured 2026-12-07). `vitepress build` sets NODE_ENV to production before
// it loads anything, so the build gets no patterns and the dev server keeps them.

/**
 * The patterns when the dev server runs, none in a build.
 *
 * @example
 * defineLoader({ watch: devWatch(['../../labs/*\/lab.json']), load: … })
 */
export function devWatch(patterns: string[], env = process.env): string[] | undefined {
  return env.NODE_ENV === 'production' ? undefined : patterns;
}
