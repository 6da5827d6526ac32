// Catching a mistyped HttpShape when the target starts, instead of as a confusing client failure.
import type { HttpShape } from './types.ts';

/** Dribbling sends one byte per timer tick, so a long response would take minutes: cap it. */
export const MAX_DRIBBLE_BYTES = 8_192;

/**
 * Returns what is wrong with a shape, or undefined when it is usable. `responseLength` is the
 * length of the serialised response, which bounds dribbling.
 *
 * @example
 * checkShape({ status: 42 }, 40) // 'status must be an integer from 100 to 999, got 42'
 */
export function checkShape(shape: HttpShape, responseLength: number): string | undefined {
  const { status, delayMs, closeAfterBytes, resetAfterBytes, dribbleIntervalMs } = shape;
  if (status !== undefined && !(Number.isInteger(status) && status >= 100 && status <= 999)) {
    return `status must be an integer from 100 to 999, got ${status}`;
  }
  if (delayMs !== undefined && !(Number.isFinite(delayMs) && delayMs >= 0)) {
    return `delayMs must be a number >= 0, got ${delayMs}`;
  }
  if (
    dribbleIntervalMs !== undefined &&
    !(Number.isFinite(dribbleIntervalMs) && dribbleIntervalMs >= 0)
  ) {
    return `dribbleIntervalMs must be a number >= 0, got ${dribbleIntervalMs}`;
  }
  if (
    closeAfterBytes !== undefined &&
    !(Number.isInteger(closeAfterBytes) && closeAfterBytes >= 0)
  ) {
    return `closeAfterBytes must be an integer >= 0, got ${closeAfterBytes}`;
  }
  if (
    resetAfterBytes !== undefined &&
    !(Number.isInteger(resetAfterBytes) && resetAfterBytes >= 0)
  ) {
    return `resetAfterBytes must be an integer >= 0, got ${resetAfterBytes}`;
  }
  if (
    shape.dribble !== undefined &&
    typeof shape.dribble !== 'boolean' &&
    shape.dribble !== 'random'
  ) {
    return `dribble must be true, false or 'random', got ${JSON.stringify(shape.dribble)}`;
  }
  const sent = Math.min(responseLength, resetAfterBytes ?? closeAfterBytes ?? responseLength);
  if (shape.dribble && sent > MAX_DRIBBLE_BYTES) {
    return `dribble sends a few bytes at a time, so at most ${MAX_DRIBBLE_BYTES} bytes; this response is ${sent} bytes (shorten the body or use closeAfterBytes)`;
  }
  return undefined;
}
