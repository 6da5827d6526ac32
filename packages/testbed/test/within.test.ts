import { describe, expect, it } from 'vitest';
import { activeResourcesAfterTick, addedResources } from '../src/leak-check/index.ts';
import { within } from '../src/timing/index.ts';

describe('within', () => {
  it('passes a result or a failure through, and clears its timer', async () => {
    const before = await activeResourcesAfterTick();
    expect(await within(Promise.resolve('ok'), 1_000, 'a reply')).toBe('ok');
    await expect(within(Promise.reject(new Error('refused')), 1_000, 'a reply')).rejects.toThrow(
      'refused',
    );
    const after = await activeResourcesAfterTick();
    expect(addedResources(before, after).filter((name) => name === 'Timeout')).toEqual([]);
  });

  it('rejects after its limit, naming what did not happen', async () => {
    const started = performance.now();
    await expect(within(new Promise(() => {}), 100, 'connect to 127.0.0.1:9')).rejects.toThrow(
      'connect to 127.0.0.1:9 did not happen within 100 ms',
    );
    expect(performance.now() - started).toBeGreaterThanOrEqual(95);
  });
});
