// Grading one file in place of an exercise file (verify grades each recorded mutant this way):
// the graded test imports `../exercises/getfqdn.ts`, and an alias sends that import to the
// substitute. An alias, not a plugin, because vitest's on-disk module cache keys every
// transformed module on the `resolve` configuration (grading-config.ts): a run with other
// substitutes can never be served a module transformed for this one.
import { join } from 'node:path';

export interface Alias {
  readonly find: RegExp;
  readonly replacement: string;
}

/**
 * One alias per substitute, matching the exercise file however deep the importing test sits.
 * Put them before the lab's own aliases: the first alias that matches wins.
 * @example
 * substituteAliases('/lab', { 'exercises/a.ts': 'mutants/a/off-by-one.ts' });
 * // [{ find: /^(?:\.\.\/)+exercises\/a\.ts$/, replacement: '/lab/mutants/a/off-by-one.ts' }]
 */
export function substituteAliases(
  labDir: string,
  substitutes: Readonly<Record<string, string>> = {},
): Alias[] {
  return Object.entries(substitutes).map(([file, substitute]) => ({
    find: new RegExp(`^(?:\\.\\./)+${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`),
    replacement: join(labDir, substitute),
  }));
}
