// The StrykerJS mutants a lab's graded tests cannot kill because they change no behaviour, each
// with the reason, in `mutants/equivalent.json`. `pnpm lab mutate` leaves them out of the score;
// any other survivor must be killed by a better test or listed here with its reason.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Lab } from '../manifest/types.ts';
import { MUTANTS_DIR } from './recorded.ts';

/** One equivalent mutant: what Stryker changed where, and why no test can tell. */
export interface Equivalent {
  /** Relative to the lab folder: `solutions/getfqdn.ts`. */
  readonly file: string;
  /** Stryker's mutator name: `ConditionalExpression`. */
  readonly mutator: string;
  /** The code Stryker replaced, as written. */
  readonly original: string;
  /** What it put there. */
  readonly replacement: string;
  readonly reason: string;
}

/** The file, relative to the lab folder. */
export const EQUIVALENTS_FILE = `${MUTANTS_DIR}/equivalent.json`;

const FIELDS = ['file', 'mutator', 'original', 'replacement', 'reason'] as const;

/**
 * Reads a lab's equivalent mutants; none when the file does not exist.
 * @throws Error naming the entry and field when the file is not a list of such entries
 * @example
 * const equivalents = await loadEquivalents(lab);
 */
export async function loadEquivalents(lab: Lab): Promise<Equivalent[]> {
  const path = join(lab.dir, EQUIVALENTS_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return [];
  }
  const where = `${lab.manifest.id}/${EQUIVALENTS_FILE}`;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error(`${where} is not valid JSON (${(error as Error).message}): fix it`);
  }
  if (!Array.isArray(data)) {
    throw new Error(`${where} must be a JSON array of { ${FIELDS.join(', ')} }`);
  }
  return data.map((entry: unknown, index) => {
    const record = (entry ?? {}) as Record<string, unknown>;
    for (const field of FIELDS) {
      if (typeof record[field] !== 'string' || record[field] === '') {
        throw new Error(
          `${where}[${index}].${field} must be a non-empty string, got ${JSON.stringify(record[field])}`,
        );
      }
    }
    return record as unknown as Equivalent;
  });
}
