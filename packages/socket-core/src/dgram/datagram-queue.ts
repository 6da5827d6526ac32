// The receive side of a UDP socket, in user space. Node pushes each datagram at us as a
// 'message' event; Berkeley recvfrom pulls "the next datagram, or wait". The queue in between
// keeps datagrams whole and in arrival order, and like the kernel's receive buffer it has a
// limit: when it is full, newly arriving datagrams are dropped, silently, as UDP does.
import type { SockAddr } from '../types.ts';
import { Notifier } from '../waiting.ts';

/** One datagram as it arrived: its bytes (never split, never merged) and who sent it. */
export interface Datagram {
  readonly data: Buffer;
  readonly address: SockAddr;
}

/**
 * Linux's default receive buffer (net.core.rmem_default, 212992 bytes). The socket replaces it
 * with the real SO_RCVBUF value once it is bound.
 */
export const DEFAULT_QUEUE_BYTES = 212_992;

/**
 * A FIFO of whole datagrams with a byte limit and waiters. It knows nothing about sockets, so it
 * can be tested alone.
 *
 * @example
 * const queue = new DatagramQueue(1_000);
 * queue.push({ data: Buffer.from('one'), address: ['127.0.0.1', 5000] }); // true
 * queue.take()?.data.toString(); // 'one'
 * queue.take(); // undefined: nothing waiting
 */
export class DatagramQueue {
  readonly #datagrams: Datagram[] = [];
  readonly #changed = new Notifier();
  #limitBytes: number;
  #bytes = 0;
  #dropped = 0;

  constructor(limitBytes: number = DEFAULT_QUEUE_BYTES) {
    this.#limitBytes = limitBytes;
  }

  /** Datagrams waiting to be taken. */
  get length(): number {
    return this.#datagrams.length;
  }

  /** Datagrams dropped because the queue was full (what `netstat -su` calls receive buffer errors). */
  get dropped(): number {
    return this.#dropped;
  }

  /** How many recv calls are waiting (tests use it to prove timeouts remove their waiter). */
  get waiting(): number {
    return this.#changed.waiting;
  }

  /** Changes the byte limit, e.g. to the kernel's SO_RCVBUF once the socket is bound. */
  setLimit(limitBytes: number): void {
    this.#limitBytes = limitBytes;
  }

  /**
   * Adds an arrived datagram; returns false (and drops it) when it does not fit. An empty
   * datagram is a real datagram in UDP and is kept: it is not end of stream.
   */
  push(datagram: Datagram): boolean {
    // The kernel charges each datagram more than its payload; counting payload bytes is close
    // enough for a queue that only exists because Node cannot leave datagrams in the kernel.
    if (this.#datagrams.length > 0 && this.#bytes + datagram.data.length > this.#limitBytes) {
      this.#dropped++;
      return false;
    }
    this.#datagrams.push(datagram);
    this.#bytes += datagram.data.length;
    this.#changed.notify();
    return true;
  }

  /** Takes the oldest datagram, or undefined when none is waiting. Never waits. */
  take(): Datagram | undefined {
    const datagram = this.#datagrams.shift();
    if (datagram !== undefined) this.#bytes -= datagram.data.length;
    return datagram;
  }

  /** Wakes every waiter without adding anything (an error arrived, or the socket closed). */
  wake(): void {
    this.#changed.notify();
  }

  /** Resolves at the next push() or wake(); rejects with `signal.reason` if the signal aborts. */
  changed(signal?: AbortSignal): Promise<void> {
    return this.#changed.wait(signal);
  }
}
