// Whole numbers from the command line. Number() alone would take '', ' 8 ', '0x50', '1e3' and
// 'Infinity'; a user who typed one of those made a mistake and should hear so.
import { UsageError } from '../main/usage-error.ts';

/**
 * Reads `text` as a whole number from `min` to `max`. Anything else (a word, a fraction, a
 * number out of range, a negative one where none is allowed) is a UsageError that names the
 * argument and says what range it takes.
 *
 * @example
 * readInteger('1000', '--timeout', 1, 10_000) // 1000
 * readInteger('-5', '--timeout', 1, 10_000)
 * // throws UsageError: --timeout must be a whole number from 1 to 10000, got "-5"
 */
export function readInteger(text: string, name: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new UsageError(
      `${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(text)}`,
    );
  }
  return value;
}
