// A leak check that examples and tests share: how many TCP sockets this process still holds.

/**
 * Counts the TCP sockets this process holds open. A destroyed socket stays listed until libuv
 * runs its close callback, in the "close callbacks" phase at the end of the event loop's
 * iteration, so the count waits for two setImmediate hops first: the first runs in this
 * iteration's check phase at the earliest, the second in the next one's, and the close callbacks
 * lie between them. (A `setTimeout(0)` is not enough: called from inside a timer callback on a
 * busy machine, Node may run it in the same timers phase, before any close callback.)
 *
 * @example
 * const before = await openTcpSockets(); ...; console.log(await openTcpSockets() - before); // 0
 */
export async function openTcpSockets(): Promise<number> {
  for (let hop = 0; hop < 2; hop++) await new Promise((resolve) => setImmediate(resolve));
  return process.getActiveResourcesInfo().filter((name) => name === 'TCPSocketWrap').length;
}
