// A leak check that examples and tests share: how many TCP sockets this process still holds.

/**
 * Counts the TCP sockets this process holds open, after letting one timer tick pass (a destroyed
 * socket is still listed until its close callback has run).
 *
 * @example
 * const before = await openTcpSockets(); ...; console.log(await openTcpSockets() - before); // 0
 */
export async function openTcpSockets(): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, 0));
  return process.getActiveResourcesInfo().filter((name) => name === 'TCPSocketWrap').length;
}
