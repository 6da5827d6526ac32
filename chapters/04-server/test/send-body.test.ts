import { randomBytes } from 'node:crypto';
import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FILE_CHUNK_BYTES, sendFile } from '../src/send-body.ts';

let folder: string;
let file: string;
const DATA = randomBytes(3 * FILE_CHUNK_BYTES + 17);

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'netprog-ch04-send-'));
  file = path.join(folder, 'data.bin');
  await writeFile(file, DATA);
});
afterAll(async () => {
  if (folder !== undefined) await rm(folder, { recursive: true, force: true });
});

/** A socket stand-in that records each write; `stuck` never lets a write complete. */
function sink(stuck = false) {
  const writes: Buffer[] = [];
  let inFlight = 0;
  let mostInFlight = 0;
  const socket = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      writes.push(Buffer.from(chunk)); // a copy: the sender reuses its buffer
      inFlight += 1;
      mostInFlight = Math.max(mostInFlight, inFlight);
      if (stuck) return;
      setImmediate(() => {
        inFlight -= 1;
        callback();
      });
    },
  });
  return { socket, writes, mostInFlight: () => mostInFlight };
}

describe('sendFile', () => {
  it('sends exactly `length` bytes, one chunk in flight at a time, with progress per chunk', async () => {
    await using handle = await open(file);
    const { socket, writes, mostInFlight } = sink();
    let progress = 0;
    expect(await sendFile(handle, DATA.length, socket, () => (progress += 1))).toBe(true);
    expect(Buffer.concat(writes).equals(DATA)).toBe(true);
    expect(writes.every((w) => w.length <= FILE_CHUNK_BYTES)).toBe(true);
    expect(mostInFlight()).toBe(1);
    expect(progress).toBe(writes.length);
    const { socket: head } = sink();
    expect(await sendFile(handle, 10, head, () => {})).toBe(true); // a prefix, from the start
  });

  it('reports a file shorter than announced (it shrank), so the caller can close', async () => {
    await using handle = await open(file);
    expect(await sendFile(handle, DATA.length + 1, sink().socket, () => {})).toBe(false);
  });

  it('gives up when the socket closes while a write waits (a client that never reads)', async () => {
    await using handle = await open(file);
    const { socket } = sink(true);
    const sending = sendFile(handle, DATA.length, socket, () => {});
    setImmediate(() => socket.destroy());
    expect(await sending).toBe(false);
  });
});
