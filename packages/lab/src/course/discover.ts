// Finds every lab (labs/*/lab.json) and picks one from what the user typed: its id ("chapter3"),
// its chapter number ("3") or one of its aliases ("client").
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { LabConfigError, UsageError } from '../errors.ts';
import { loadLab } from '../manifest/load.ts';
import type { Lab } from '../manifest/types.ts';

/** A lab folder: loaded, or broken with the reason (so `pnpm lab` can still list the others). */
export type FoundLab =
  | { readonly id: string; readonly lab: Lab; readonly error?: undefined }
  | { readonly id: string; readonly lab?: undefined; readonly error: LabConfigError };

/**
 * Every folder under <root>/labs that has a lab.json, sorted by chapter then id.
 * @example
 * const labs = await discoverLabs('/repo'); // [{ id: 'chapter3', lab }, …]
 */
export async function discoverLabs(root: string): Promise<FoundLab[]> {
  let entries: string[];
  try {
    entries = (await readdir(join(root, 'labs'), { withFileTypes: true }))
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
  } catch {
    return [];
  }
  const found: FoundLab[] = [];
  for (const name of entries.sort()) {
    const dir = join(root, 'labs', name);
    try {
      found.push({ id: name, lab: await loadLab(dir, root) });
    } catch (error) {
      if (error instanceof LabConfigError && /cannot read the lab manifest/.test(error.message)) {
        continue; // a folder without lab.json is not a lab (yet)
      }
      if (error instanceof LabConfigError) found.push({ id: name, error });
      else throw error;
    }
  }
  return found.sort((a, b) => chapterOf(a) - chapterOf(b) || a.id.localeCompare(b.id));
}

function chapterOf(found: FoundLab): number {
  return found.lab?.manifest.chapter ?? Number.MAX_SAFE_INTEGER;
}

/**
 * The lab a selector names, matched case-insensitively against id, chapter number and aliases.
 * @throws UsageError for an unknown selector, LabConfigError when the named lab is broken
 * @example
 * selectLab(labs, 'client').manifest.id; // 'chapter3'
 */
export function selectLab(labs: readonly FoundLab[], selector: string): Lab {
  const wanted = selector.toLowerCase();
  const match =
    labs.find((f) => f.id.toLowerCase() === wanted) ??
    labs.find((f) => f.lab && String(f.lab.manifest.chapter) === wanted) ??
    labs.find((f) => f.lab?.manifest.aliases.some((alias) => alias.toLowerCase() === wanted));
  if (!match) {
    const names = labs.map((f) => f.id).join(', ') || '(none found)';
    throw new UsageError(
      `unknown lab "${selector}": choose one of ${names} (or a chapter number); \`pnpm lab\` lists them`,
    );
  }
  if (match.error) throw match.error;
  return match.lab;
}
