// The leak check itself: remember what was open, and later say what was opened and never closed.
import { describeHandle, openHandleObjects } from './open-handles.ts';
import { addedResources, countInWords, watchedResources } from './resources.ts';

// Captured when this module loads (before any test file), so a test that leaves fake timers
// installed (vi.useFakeTimers) cannot stop the check from waiting.
const realSetTimeout = globalThis.setTimeout;
const realSetImmediate = globalThis.setImmediate;

/** What was open at one moment: resource names, and the objects behind the handles. */
export interface ResourceSnapshot {
  /** Watched names from process.getActiveResourcesInfo(), sorted. */
  readonly resources: readonly string[];
  readonly handles: ReadonlySet<unknown>;
}

/** What a check found still open that the snapshot did not hold. */
export interface Leak {
  /** Resource names added since the snapshot ('TCPSocketWrap', ...), sorted. */
  readonly added: readonly string[];
  /** One line per new handle that can be named, e.g. 'TCP server listening on 127.0.0.1:41234'. */
  readonly described: readonly string[];
}

/**
 * Remembers what is open now, to compare with later.
 *
 * @example
 * const before = takeResourceSnapshot();
 */
export function takeResourceSnapshot(): ResourceSnapshot {
  return {
    resources: watchedResources(process.getActiveResourcesInfo()),
    handles: new Set(openHandleObjects()),
  };
}

/**
 * Resolves with what is open now beyond `before`, or undefined when nothing is. Closing takes a
 * moment (libuv releases a closed handle at the end of a loop iteration; a killed child must be
 * reaped), so a first finding is re-checked until it goes away or `withinMs` has passed. A
 * clean check costs two loop iterations; only a real leak waits the whole time.
 *
 * @example
 * const leak = await findLeaks(before, { withinMs: 2_000 });
 * if (leak) throw new LeakedHandlesError('test/echo.test.ts', leak, 2_000);
 */
export async function findLeaks(
  before: ResourceSnapshot,
  { withinMs = 2_000 }: { withinMs?: number } = {},
): Promise<Leak | undefined> {
  const deadline = performance.now() + withinMs;
  await new Promise((resolve) => realSetImmediate(() => realSetImmediate(resolve)));
  for (;;) {
    const added = addedResources(
      before.resources,
      watchedResources(process.getActiveResourcesInfo()),
    );
    if (added.length === 0) return undefined;
    if (performance.now() >= deadline) return { added, described: describeNew(before) };
    await new Promise((resolve) => realSetTimeout(resolve, 10));
  }
}

/** One line per new handle, sorted; identical lines (three pipes of one child) are counted. */
function describeNew(before: ResourceSnapshot): string[] {
  const counts = new Map<string, number>();
  for (const handle of openHandleObjects()) {
    if (before.handles.has(handle)) continue;
    const line = describeHandle(handle);
    if (line !== undefined) counts.set(line, (counts.get(line) ?? 0) + 1);
  }
  return [...counts].map(([line, count]) => (count > 1 ? `${count} × ${line}` : line)).sort();
}

/**
 * A test file (or test) left something open. The message says what, with addresses where they
 * are known, and what to do.
 *
 * @example
 * throw new LeakedHandlesError('test/echo.test.ts', { added: ['TCPServerWrap'], described: [] }, 2_000);
 */
export class LeakedHandlesError extends Error {
  readonly leak: Leak;

  constructor(where: string, leak: Leak, waitedMs: number) {
    const details = leak.described.length > 0 ? `: ${leak.described.join('; ')}` : '';
    super(
      `leaked handles: ${where} left ${countInWords(leak.added)} open${details} ` +
        `(still open ${waitedMs} ms after the last hook). Close every socket, server and child ` +
        'process a test opens (await close(), or `await using`), in the test or in afterEach/afterAll.',
    );
    this.name = 'LeakedHandlesError';
    this.leak = leak;
  }
}
