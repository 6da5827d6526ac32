import { createServer } from '@netprog/socket-core';
import { linuxOnly } from '@netprog/testbed/linux-only/tests';
import { afterEach, describe, expect, it } from 'vitest';
import { describeEntry, kernelView, waitForEntry } from '../src/kernel-view.ts';

const linux = linuxOnly('netstat() reads /proc/net');

const toClose: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const s of toClose.splice(0).reverse()) await s.close();
});

describe('describeEntry', () => {
  it('writes state, local and remote, with * for a missing port and brackets for IPv6', () => {
    expect(
      describeEntry({ state: 'LISTEN', local: ['127.0.0.1', 7001], remote: ['0.0.0.0', 0] }),
    ).toBe('LISTEN 127.0.0.1:7001 -> 0.0.0.0:*');
    expect(
      describeEntry({ state: 'ESTABLISHED', local: ['::1', 7001], remote: ['::1', 50204] }),
    ).toBe('ESTABLISHED [::1]:7001 -> [::1]:50204');
  });
});

describe('kernelView', () => {
  it('says so when Node has no OS socket yet (fd -1), without asking the kernel', async () => {
    expect(await kernelView(-1)).toBe('no OS socket yet');
  });

  linux.it('shows a real listener as the kernel sees it', async () => {
    const server = await createServer(['127.0.0.1', 0]);
    toClose.push(server);
    const [, port] = server.getsockname();
    expect(await kernelView(server.fd)).toBe(`LISTEN 127.0.0.1:${port} -> 0.0.0.0:*`);
  });

  linux.it('reports an fd that is not a TCP socket', async () => {
    expect(await kernelView(0)).toBe('fd 0 is not a TCP socket');
  });
});

linux.describe('waitForEntry', () => {
  it('gives up after its time limit with a clear error', async () => {
    const started = performance.now();
    await expect(waitForEntry(() => false, { timeoutMs: 50 })).rejects.toThrow(
      /no matching socket appeared within 50 ms/,
    );
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
