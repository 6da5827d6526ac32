// "Every public function has a doc comment with a short example" (issue 2), checked rather than
// promised: a new export without one fails here, with its name. A member that only hands back a
// value (a getter, fileno(), gettimeout()) needs the comment but no example (issue 21).
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { undocumentedExports } from './support/undocumented.ts';

/**
 * Known gaps in src/dgram/datagram-queue.ts, which is being reworked together with the UDP
 * socket and gets its examples there. Listed so the gap stays visible; once a member has its
 * example, the second assertion below asks for it to be taken off this list.
 */
const PENDING_IN_DGRAM = [
  'DatagramQueue.changed',
  'DatagramQueue.push',
  'DatagramQueue.setLimit',
  'DatagramQueue.take',
  'DatagramQueue.wake',
];

describe('doc comments', () => {
  it('every exported function, class and method has a doc comment, with an @example unless it only hands back a value', () => {
    const entry = fileURLToPath(new URL('../src/index.ts', import.meta.url));
    const undocumented = undocumentedExports(entry);
    expect(undocumented.filter((name) => !PENDING_IN_DGRAM.includes(name))).toEqual([]);
    // Documented since: remove these from PENDING_IN_DGRAM.
    expect(PENDING_IN_DGRAM.filter((name) => !undocumented.includes(name))).toEqual([]);
  });
});
