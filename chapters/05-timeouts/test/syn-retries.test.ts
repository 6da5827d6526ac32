import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { linuxOnly } from '@netprog/testbed/linux-only/tests';
import { describe, expect, it } from 'vitest';
import { readSynRetrySettings, synRetrySchedule } from '../src/syn-retries.ts';

describe('synRetrySchedule', () => {
  it('classic Linux defaults: 6 resends at 1, 3, 7, 15, 31, 63 s; gives up at 127 s', () => {
    expect(synRetrySchedule({ synRetries: 6, linearTimeouts: 0 })).toEqual({
      sendsAtMs: [0, 1_000, 3_000, 7_000, 15_000, 31_000, 63_000],
      giveUpAtMs: 127_000,
    });
  });

  it('with 4 linear timeouts (newer kernels): 10 resends, gives up at 131 s', () => {
    const schedule = synRetrySchedule({ synRetries: 6, linearTimeouts: 4 });
    expect(schedule.sendsAtMs).toEqual([0, 1e3, 2e3, 3e3, 4e3, 5e3, 7e3, 11e3, 19e3, 35e3, 67e3]);
    expect(schedule.giveUpAtMs).toBe(131_000);
  });

  it('old kernels (3 s initial RTO, 5 retries) gave up after 189 s', () => {
    expect(
      synRetrySchedule({ synRetries: 5, linearTimeouts: 0, initialRtoMs: 3_000 }).giveUpAtMs,
    ).toBe(189_000);
  });

  it('caps each gap at TCP_RTO_MAX (120 s)', () => {
    const { sendsAtMs, giveUpAtMs } = synRetrySchedule({ synRetries: 10, linearTimeouts: 0 });
    expect(giveUpAtMs - (sendsAtMs.at(-1) ?? 0)).toBe(120_000);
  });

  it('rejects impossible settings, naming the value', () => {
    expect(() => synRetrySchedule({ synRetries: -1, linearTimeouts: 0 })).toThrow(
      /synRetries .* got -1/,
    );
  });
});

describe('readSynRetrySettings', () => {
  it('reads both sysctls, and treats a missing linear setting as 0', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sysctl-'));
    try {
      await writeFile(join(dir, 'tcp_syn_retries'), '3\n');
      expect(await readSynRetrySettings(dir)).toEqual({ synRetries: 3, linearTimeouts: 0 });
      await writeFile(join(dir, 'tcp_syn_linear_timeouts'), '4\n');
      expect(await readSynRetrySettings(dir)).toEqual({ synRetries: 3, linearTimeouts: 4 });
    } finally {
      await rm(dir, { recursive: true });
    }
  });

  it('returns null where /proc/sys does not exist', async () => {
    expect(await readSynRetrySettings('/nonexistent/proc/sys')).toBeNull();
  });

  linuxOnly('the SYN settings are read from /proc/sys/net/ipv4').it(
    'reads this machine (Linux): the value the chapter prints',
    async () => {
      const settings = await readSynRetrySettings();
      expect(settings?.synRetries).toBeGreaterThanOrEqual(1);
    },
  );
});
