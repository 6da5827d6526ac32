// Which of the process's active resources count as leaks, as pure functions over the names
// process.getActiveResourcesInfo() returns ('TCPSocketWrap', 'Timeout', ...).

/**
 * Resource names that mean something a test opened is still open: TCP sockets and servers, UDP
 * sockets, child processes and their pipes, file watchers, and requests still in flight (a
 * connect, a getaddrinfo). Timers ('Timeout', 'Immediate') are left out on purpose: the test
 * runner starts and ends its own timers while a file runs, so counting them would flake. A test
 * that must see its own timer cleared compares two activeResourcesAfterTick() readings (timers
 * included) with addedResources; socket-core's tests track the timers its code starts
 * (packages/socket-core/test/support/leaks.ts).
 */
const WATCHED = /^(TCP|UDP|Pipe|Process|FSEvent|StatWatcher|Connect|GetAddrInfo|GetNameInfo)/;

/** The plain words for a resource name, for messages a learner can act on. */
const WORDS: Readonly<Record<string, string>> = {
  TCPSocketWrap: 'TCP socket',
  TCPServerWrap: 'TCP server',
  UDPWrap: 'UDP socket',
  ProcessWrap: 'child process',
  PipeWrap: 'pipe',
  PipeServerWrap: 'pipe server',
  FSEventWrap: 'file watcher',
  StatWatcher: 'file watcher',
  ConnectWrap: 'connect in progress',
  GetAddrInfoReqWrap: 'dns.lookup in progress',
  GetNameInfoReqWrap: 'dns.lookupService in progress',
};

/**
 * True for the resource names a leak check watches.
 *
 * @example
 * isWatchedResource('TCPSocketWrap') // true
 * isWatchedResource('Timeout')       // false: see WATCHED
 */
export function isWatchedResource(name: string): boolean {
  return WATCHED.test(name);
}

/**
 * The watched resources among `names`, sorted, so two snapshots can be compared.
 *
 * @example
 * watchedResources(['Timeout', 'UDPWrap', 'TCPSocketWrap']) // ['TCPSocketWrap', 'UDPWrap']
 */
export function watchedResources(names: readonly string[]): string[] {
  return names.filter(isWatchedResource).sort();
}

/**
 * What `after` holds beyond `before`, counting duplicates: one more TCP socket is one more
 * 'TCPSocketWrap' even when others were open before. Resources that went away are not listed.
 *
 * @example
 * addedResources(['PipeWrap'], ['PipeWrap', 'TCPSocketWrap', 'TCPSocketWrap'])
 * // ['TCPSocketWrap', 'TCPSocketWrap']
 */
export function addedResources(before: readonly string[], after: readonly string[]): string[] {
  const remaining = [...before];
  return after.filter((name) => {
    const index = remaining.indexOf(name);
    if (index === -1) return true;
    remaining.splice(index, 1);
    return false;
  });
}

/**
 * Counts resources by kind, in words: '2 TCP sockets, 1 TCP server (TCPServerWrap)'.
 *
 * @example
 * countInWords(['TCPSocketWrap', 'TCPSocketWrap', 'UDPWrap'])
 * // '2 TCP sockets (TCPSocketWrap), 1 UDP socket (UDPWrap)'
 */
export function countInWords(names: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const name of names) counts.set(name, (counts.get(name) ?? 0) + 1);
  return [...counts]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, count]) => {
      const words = WORDS[name] ?? name;
      return `${count} ${count > 1 ? plural(words) : words} (${name})`;
    })
    .join(', ');
}

/** 'TCP socket' → 'TCP sockets', 'child process' → 'child processes'; "... in progress" stays. */
function plural(words: string): string {
  if (words.endsWith(' in progress')) return words;
  return words.endsWith('ss') ? `${words}es` : `${words}s`;
}
