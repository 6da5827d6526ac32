import { describe, expect, it } from 'vitest';
import { DatagramQueue } from '../../src/dgram/datagram-queue.ts';

const from = ['127.0.0.1', 5000] as const;
const datagram = (text: string) => ({ data: Buffer.from(text), address: from });

describe('DatagramQueue', () => {
  it('hands datagrams out whole, oldest first', () => {
    const queue = new DatagramQueue();
    queue.push(datagram('one'));
    queue.push(datagram('two'));
    expect(queue.take()?.data.toString()).toBe('one');
    expect(queue.take()?.data.toString()).toBe('two');
    expect(queue.take()).toBeUndefined();
  });

  it('drops new datagrams while full, like a full receive buffer, and counts them', () => {
    const queue = new DatagramQueue(10);
    expect(queue.push(datagram('123456'))).toBe(true);
    expect(queue.push(datagram('7890'))).toBe(true);
    expect(queue.push(datagram('x'))).toBe(false);
    expect([queue.length, queue.dropped]).toEqual([2, 1]);
    queue.take();
    expect(queue.push(datagram('x'))).toBe(true);
  });

  it('always accepts one datagram into an empty queue, however big', () => {
    const queue = new DatagramQueue(4);
    expect(queue.push(datagram('much longer than four'))).toBe(true);
  });

  it('wakes a waiter on push, and removes it when its signal aborts', async () => {
    const queue = new DatagramQueue();
    const woken = queue.changed();
    queue.push(datagram('x'));
    await woken;
    const controller = new AbortController();
    const waiting = queue.changed(controller.signal);
    expect(queue.waiting).toBe(1);
    controller.abort(new Error('timed out'));
    await expect(waiting).rejects.toThrow('timed out');
    expect(queue.waiting).toBe(0);
  });
});
