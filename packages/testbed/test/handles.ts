// A leak check for tests: which network, thread-free handles are open right now.

/** Handle kinds a fixture can leak: servers, sockets, pending connects, pipes, UDP sockets. */
const KINDS = new Set([
  'TCPServerWrap',
  'TCPSocketWrap',
  'TCPWRAP',
  'ProcessWrap',
  'PipeWrap',
  'UDPWrap',
  'ConnectWrap',
]);

/** The open handles of the kinds above, sorted. */
function snapshot(): string[] {
  return process
    .getActiveResourcesInfo()
    .filter((kind) => KINDS.has(kind))
    .sort();
}

/**
 * Resolves with the open handles once they match `expected`, or with what is still open after
 * `withinMs`. A closed server is still listed for a moment after its 'close' event (libuv frees
 * the handle in a later loop phase; under load that can take more than one timer tick), so the
 * check polls briefly; a real leak never goes away and still fails the comparison.
 */
export async function handlesSettleTo(expected: string[], withinMs = 500): Promise<string[]> {
  const deadline = performance.now() + withinMs;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 5));
    const now = snapshot();
    if (now.join() === expected.join() || performance.now() > deadline) return now;
  }
}

/** The open handles now (after one timer tick), to compare with later. */
export async function openHandles(): Promise<string[]> {
  await new Promise((resolve) => setTimeout(resolve, 0));
  return snapshot();
}
