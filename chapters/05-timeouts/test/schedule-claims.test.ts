// The kernel's SYN schedule is stated in one place, this chapter, and computed by one function
// (src/syn-retries.ts). Here the chapter's figures and its recorded measurement are checked
// against that function, and the other chapters are checked not to state figures of their own
// (they said "6 times, 1+2+4+…+64 s" while this kernel resends 10 times and gives up at 131 s).
import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { synRetrySchedule } from '../src/syn-retries.ts';

const ROOT = new URL('../../../', import.meta.url);
const read = (path: string) => readFile(new URL(path, ROOT), 'utf8');

describe('the SYN retry schedule, stated once', () => {
  it("the chapter's two figures are the function's, for 6 retries with and without 4 linear timeouts", async () => {
    const text = await read('chapters/05-timeouts/README.md');
    const figures = [...text.matchAll(/about \*\*(\d+) s\*\*/g)].map((m) => Number(m[1]));
    expect(figures).toEqual([
      synRetrySchedule({ synRetries: 6, linearTimeouts: 0 }).giveUpAtMs / 1000,
      synRetrySchedule({ synRetries: 6, linearTimeouts: 4 }).giveUpAtMs / 1000,
    ]);
  });

  it('the recorded measurement names its kernel, expects what the function computes, and came no earlier', async () => {
    const text = await read('chapters/05-timeouts/outputs/syn-retry-measured.txt');
    const settings =
      /This machine \(Linux [^)]+\): net\.ipv4\.tcp_syn_retries = (\d+), net\.ipv4\.tcp_syn_linear_timeouts = (\d+)/.exec(
        text,
      );
    expect(settings, 'the first line names the kernel and both sysctls').not.toBeNull();
    const expected = synRetrySchedule({
      synRetries: Number(settings?.[1]),
      linearTimeouts: Number(settings?.[2]),
    }).giveUpAtMs;
    const measured = /ETIMEDOUT after ([\d.]+) s \(expected (\d+) s\)/.exec(text);
    expect(Number(measured?.[2]) * 1000).toBe(expected);
    // The kernel cannot give up before its last timer; late, a little, on a busy machine.
    expect(Number(measured?.[1]) * 1000).toBeGreaterThanOrEqual(expected);
    expect(Number(measured?.[1]) * 1000).toBeLessThan(expected * 1.1);
  });

  it('no other chapter, lab or docs page states SYN timings of its own', async () => {
    const pages: string[] = ['docs/python-to-typescript.md', 'docs/concepts.md'];
    for (const group of ['chapters', 'labs']) {
      for (const entry of await readdir(new URL(`${group}/`, ROOT))) {
        if (entry !== '05-timeouts') pages.push(`${group}/${entry}/README.md`);
      }
    }
    const stated: string[] = [];
    for (const page of pages) {
      const text = await read(page).catch(() => '');
      for (const line of text.split('\n')) {
        const aboutSyns = /\bSYN|tcp_syn/.test(line);
        if (aboutSyns && /(\d+(\.\d+)?|\+…\+\d+) s\b|tcp_syn_(retries|linear)/.test(line)) {
          stated.push(`${page}: ${line.trim()}`);
        }
      }
    }
    expect(stated).toEqual([]);
  });
});
