// Compares a Python program's output with its TypeScript twin's, line by line, after each side's
// rewrites. The first line where they differ is reported with both real lines, so a reader sees
// at once which program printed what.
import {
  BOTH_COMMON,
  type NormalisedLine,
  normaliseLines,
  PYTHON_COMMON,
  type Rewrite,
  TYPESCRIPT_COMMON,
} from './normalise.ts';

/** The rewrites of one pair, beyond the common ones. */
export interface PairRewrites {
  readonly python?: readonly Rewrite[];
  readonly typescript?: readonly Rewrite[];
  /** Applied to both sides, last. */
  readonly both?: readonly Rewrite[];
}

/** The first line where two outputs differ after normalising; `undefined` for the side that ended. */
export interface Disagreement {
  readonly python: NormalisedLine | undefined;
  readonly typescript: NormalisedLine | undefined;
}

/** Both outputs as their normalised lines. */
export function normalisePair(
  python: string,
  typescript: string,
  rewrites: PairRewrites = {},
): { python: NormalisedLine[]; typescript: NormalisedLine[] } {
  const both = [...BOTH_COMMON, ...(rewrites.both ?? [])];
  return {
    python: normaliseLines(python, [...PYTHON_COMMON, ...(rewrites.python ?? []), ...both]),
    typescript: normaliseLines(typescript, [
      ...TYPESCRIPT_COMMON,
      ...(rewrites.typescript ?? []),
      ...both,
    ]),
  };
}

/**
 * The first disagreement between the two outputs, or undefined when they agree.
 *
 * @example
 * compareOutputs("gettimeout() = 0.5\n", 'gettimeout() = 500\n') // undefined: they agree
 */
export function compareOutputs(
  python: string,
  typescript: string,
  rewrites: PairRewrites = {},
): Disagreement | undefined {
  const sides = normalisePair(python, typescript, rewrites);
  const length = Math.max(sides.python.length, sides.typescript.length);
  for (let i = 0; i < length; i += 1) {
    const [py, ts] = [sides.python[i], sides.typescript[i]];
    if (py?.text !== ts?.text) return { python: py, typescript: ts };
  }
  return undefined;
}

/**
 * A disagreement as the lines a test failure prints: both programs' real lines, with numbers,
 * then what each became after normalising.
 *
 * @example
 * formatDisagreement(d, 'socket_data.py', 'client-lifecycle.ts')
 * // socket_data.py and client-lifecycle.ts disagree:
 * //   Python     (socket_data.py:4):      3. sendall()    sent 60 bytes: ...
 * //   TypeScript (client-lifecycle.ts:4): 3. sendAll()    sent 61 bytes: ...
 * //   normalised: ...
 */
export function formatDisagreement(
  disagreement: Disagreement,
  pythonName: string,
  typescriptName: string,
): string {
  const where = (line: NormalisedLine | undefined, name: string) =>
    line === undefined ? `(${name}: no more lines)` : `(${name}:${line.number}): ${line.original}`;
  const text = (line: NormalisedLine | undefined) =>
    line === undefined ? '(end)' : JSON.stringify(line.text);
  return [
    `${pythonName} and ${typescriptName} disagree:`,
    `  Python     ${where(disagreement.python, pythonName)}`,
    `  TypeScript ${where(disagreement.typescript, typescriptName)}`,
    `  normalised: ${text(disagreement.python)} vs ${text(disagreement.typescript)}`,
  ].join('\n');
}
