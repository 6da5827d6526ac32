// connect-vs-connect-ex.ts prints what Python raises next to what socket-core throws, and what
// Python's connect_ex returns next to connectEx. Here Python itself connects, with the same 0.3 s
// timeout, to an open, a closed and a silent port on loopback, and both must agree.
import { SocketError, socket } from '@netprog/socket-core';
import { closedPort, listenBlackhole, listenEcho } from '@netprog/testbed';
import { pythonUnavailable, runPython, skipWhenMissing } from '@netprog/testbed/tools';
import { describe, expect, it } from 'vitest';
import { pythonRaises } from '../src/python-raises.ts';

const TIMEOUT_MS = 300;

/** Python's connect (the exception's class and errno) and connect_ex, for one address. */
const PYTHON = `
import socket, sys
host, port = sys.argv[1], int(sys.argv[2])
s = socket.socket(); s.settimeout(${TIMEOUT_MS / 1000})
try:
    s.connect((host, port)); raised = 'connected'
except OSError as e:
    # An exception without errno is shown whole: TimeoutError('timed out').
    raised = '%s, errno %s' % (type(e).__name__ if e.errno else repr(e), e.errno)
finally:
    s.close()
s = socket.socket(); s.settimeout(${TIMEOUT_MS / 1000})
print(raised); print(s.connect_ex((host, port))); s.close()
`;

/** socket-core's side, printed the way the example prints the Python column. */
async function ours(address: readonly [string, number]): Promise<[string, string]> {
  await using first = socket();
  first.settimeout(TIMEOUT_MS);
  const raised = await first.connect([...address]).then(
    () => 'connected',
    (error: unknown) => {
      if (error instanceof SocketError) return pythonRaises(error);
      throw error;
    },
  );
  await using second = socket();
  second.settimeout(TIMEOUT_MS);
  return [raised, String(await second.connectEx([...address]))];
}

describe('what Python raises and returns, as connect-vs-connect-ex.ts prints it', () => {
  it('agrees for an open, a closed and a silent port', { timeout: 60_000 }, async (context) => {
    if (skipWhenMissing(context, await pythonUnavailable())) return;
    await using open = await listenEcho();
    await using closed = await closedPort();
    await using silent = await listenBlackhole();
    for (const { address } of [open, closed, silent]) {
      const printed = await runPython(PYTHON, [address[0], String(address[1])]);
      expect(await ours(address)).toEqual(printed.trim().split('\n'));
    }
    // The silent port is the one that tells the socket's own timeout from the kernel's.
    const silentPython = await runPython(PYTHON, [silent.address[0], String(silent.address[1])]);
    expect(silentPython.split('\n')[0]).toBe("TimeoutError('timed out'), errno None");
  });
});
