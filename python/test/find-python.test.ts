import { isAbsolute } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findPython, isSupported } from '../src/find-python.ts';

describe('finding Python 3.10+', () => {
  it('compares versions by number, not as text', () => {
    expect(isSupported('3.10.0')).toBe(true);
    expect(isSupported('3.13.1')).toBe(true);
    expect(isSupported('4.0.0')).toBe(true);
    expect(isSupported('3.9.18')).toBe(false);
    expect(isSupported('2.7.18')).toBe(false);
  });

  it('says why, in one line, when no candidate is there', async () => {
    const found = await findPython(['no-such-python-here']);
    expect(found).toEqual({
      ok: false,
      reason:
        'Python 3.10+ not found (no no-such-python-here); install python3 to run the Python twins',
    });
  });

  it("answers with that Python's own executable, past any shim on PATH", async (context) => {
    const found = await findPython();
    if (!found.ok) return context.skip(found.reason);
    expect(isAbsolute(found.command), found.command).toBe(true);
    expect(found.command).not.toMatch(/[/\\]shims[/\\]/);
  });
});
