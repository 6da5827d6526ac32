// What the lossy UDP peer does to each datagram, decided in advance: pure logic, no sockets.
//
// Every decision depends only on the seed and the datagram's arrival index (0 for the first
// datagram the peer receives, 1 for the second...), never on the clock. So a test can ask the
// plan which arrivals will be dropped and know, exactly, how much loss a pinger must report.
import { mulberry32 } from '../seed/mulberry32.ts';

/** How unreliable the simulated network is. Probabilities are from 0 (never) to 1 (always). */
export interface LossyOptions {
  /** Seeds the generator: the same seed gives the same drops, duplicates and delays. */
  seed: number;
  /** Probability that an arriving datagram is dropped: no reply at all (default 0). */
  loss?: number;
  /** Probability that a reply is sent twice (default 0). */
  duplicate?: number;
  /** Probability that a reply is held back and sent after the next one (default 0). */
  reorder?: number;
  /** Milliseconds to wait before every reply (default 0). */
  delayMs?: number;
  /** Plus a random 0..jitterMs extra milliseconds per reply (default 0). */
  jitterMs?: number;
}

/** The fate of one arriving datagram. */
export interface LossyDecision {
  /** Arrival index: 0 is the first datagram the peer received. */
  readonly index: number;
  /** Dropped: the datagram is "lost on the way" and gets no reply. */
  readonly drop: boolean;
  /** The reply is sent twice (never for a dropped datagram). */
  readonly duplicate: boolean;
  /** The reply is held back until the next reply has gone (never for a dropped datagram). */
  readonly reorder: boolean;
  /** How long the peer waits before replying. */
  readonly delayMs: number;
}

/** Upper limit for delayMs + jitterMs: the peer is for tests, and tests must stay fast. */
export const MAX_LOSSY_DELAY_MS = 1_000;

/** How many numbers each arrival draws, used or not, so that index n always gets the same ones. */
const DRAWS_PER_ARRIVAL = 4;

/**
 * The decisions for every arrival, computed lazily from the seed. `decision(n)` always returns
 * the same answer for the same options, whatever order you ask in.
 *
 * @example
 * const plan = new LossyPlan({ seed: 7, loss: 0.3 });
 * plan.first(10).filter((d) => d.drop).map((d) => d.index); // the arrivals that will be lost
 */
export class LossyPlan {
  readonly #random: () => number;
  readonly #decisions: LossyDecision[] = [];
  readonly #loss: number;
  readonly #duplicate: number;
  readonly #reorder: number;
  readonly #delayMs: number;
  readonly #jitterMs: number;

  constructor(options: LossyOptions) {
    const { seed } = options;
    if (typeof seed !== 'number' || !Number.isInteger(seed)) {
      throw new TypeError(
        `listenLossyUdp: seed must be an integer such as 42 (it makes the losses repeatable); got ${String(seed)}`,
      );
    }
    this.#loss = probability(options.loss, 'loss');
    this.#duplicate = probability(options.duplicate, 'duplicate');
    this.#reorder = probability(options.reorder, 'reorder');
    this.#delayMs = milliseconds(options.delayMs, 'delayMs');
    this.#jitterMs = milliseconds(options.jitterMs, 'jitterMs');
    if (this.#delayMs + this.#jitterMs > MAX_LOSSY_DELAY_MS) {
      throw new RangeError(
        `listenLossyUdp: delayMs + jitterMs must be at most ${MAX_LOSSY_DELAY_MS} ms so tests stay ` +
          `fast; got ${this.#delayMs} + ${this.#jitterMs}`,
      );
    }
    this.#random = mulberry32(seed);
  }

  /**
   * What happens to the datagram that arrives `index`-th (0-based).
   *
   * @example
   * new LossyPlan({ seed: 1, loss: 1 }).decision(5).drop; // true: loss 1 drops everything
   */
  decision(index: number): LossyDecision {
    if (!Number.isSafeInteger(index) || index < 0) {
      throw new RangeError(`LossyPlan: index must be an integer >= 0; got ${String(index)}`);
    }
    while (this.#decisions.length <= index) this.#decisions.push(this.#next());
    return this.#decisions[index] as LossyDecision;
  }

  /**
   * The decisions for the first `count` arrivals, in order.
   *
   * @example
   * new LossyPlan({ seed: 7, loss: 0.3 }).first(3).map((d) => d.drop); // e.g. [false, true, false]
   */
  first(count: number): LossyDecision[] {
    return Array.from({ length: count }, (_, index) => this.decision(index));
  }

  // #region decide
  #next(): LossyDecision {
    const index = this.#decisions.length;
    // Always draw all four numbers, so a drop does not shift the numbers of later arrivals.
    const draws = Array.from({ length: DRAWS_PER_ARRIVAL }, () => this.#random());
    const [dropDraw = 0, duplicateDraw = 0, reorderDraw = 0, jitterDraw = 0] = draws;
    const drop = dropDraw < this.#loss;
    return {
      index,
      drop,
      duplicate: !drop && duplicateDraw < this.#duplicate,
      reorder: !drop && reorderDraw < this.#reorder,
      delayMs: this.#delayMs + Math.floor(jitterDraw * (this.#jitterMs + 1)),
    };
  }
  // #endregion decide
}

function probability(value: number | undefined, name: string): number {
  if (value === undefined) return 0;
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
    throw new RangeError(
      `listenLossyUdp: ${name} is a probability from 0 to 1 (0.3 = 30%); got ${String(value)}`,
    );
  }
  return value;
}

function milliseconds(value: number | undefined, name: string): number {
  if (value === undefined) return 0;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new RangeError(
      `listenLossyUdp: ${name} must be a whole number of milliseconds >= 0; got ${String(value)}`,
    );
  }
  return value;
}
