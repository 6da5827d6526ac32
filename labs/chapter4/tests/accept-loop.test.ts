// Graded: exercise 5, serveForever, over loopback. Each test starts its own server and runs side
// by side with the others (describe.concurrent). Every wait is for an event (a handler called, a
// reply, an EOF, the loop settling), each bounded by WAIT_MS.
//
// A wrong loop fails as soon as it shows itself, not after WAIT_MS: the harness watches the loop
// from the server side (see startLoop and LOOK_AFTER_MS), so the starter is graded in a blink.
import { createConnection, createServer, type Socket, SocketError } from '@netprog/socket-core';
import { within } from '@netprog/testbed/timing';
import { describe, expect, it } from 'vitest';
import { type Handler, serveForever } from '../exercises/accept-loop.ts';

/** How long any one event may take, on a busy machine too. */
const WAIT_MS = 5_000;

type Outcome = { settled: 'resolved' } | { settled: 'rejected'; error: unknown };

/** One turn of the event loop: every promise callback queued before it has run. */
const oneTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * How long after a handler starts or ends the harness looks at what the loop did. A right loop
 * acts in the same turn (its promise callbacks run before any timer); the grace lets a loop that
 * defers by an immediate or a short timer pass too. Timers fire in the order they are due, so a
 * busy machine delays the look as much as what it looks for: it cannot make a right loop fail.
 */
const LOOK_AFTER_MS = 50;

/**
 * serveForever on a fresh loopback server, watched from the server side. `bug` rejects, naming
 * the mistake, as soon as the loop shows one:
 * - it settled while the server was still open (a handler's failure ended the whole loop);
 * - `handlerDone(connection)`, called by a handler of ours as its last step, finds the
 *   connection still open LOOK_AFTER_MS later. A right loop closes it in the same turn, in a
 *   `finally` after the handler's promise settles; a loop that never closes it would otherwise
 *   be noticed only when the client gives up waiting for EOF, WAIT_MS later.
 * `accepts()` counts the loop's calls of server.accept().
 */
async function startLoop(handle: Handler) {
  const server = await createServer(['127.0.0.1', 0]);
  const port = server.getsockname()[1];
  let accepts = 0;
  const accept = server.accept.bind(server);
  server.accept = () => {
    accepts += 1;
    return accept();
  };
  let reportBug: (message: string) => void = () => {};
  const bug = new Promise<never>((_resolve, reject) => {
    reportBug = (message) => reject(new Error(message));
  });
  bug.catch(() => {}); // a test that finds no bug never awaits it
  let stopping = false;
  let outcome: Outcome | undefined;
  const loop = serveForever(server, handle).then(
    () => {
      outcome = { settled: 'resolved' };
      if (!stopping) reportBug('serveForever resolved while the server was still open');
    },
    (error: unknown) => {
      outcome = { settled: 'rejected', error };
      if (!stopping) {
        reportBug(
          `serveForever rejected while the server was still open, with ${String(error)}: ` +
            "a handler's failure must end only its own connection",
        );
      }
    },
  );
  const clients = new Set<Socket>();
  return {
    port,
    bug,
    accepts: () => accepts,
    outcome: () => outcome,
    reportBug,
    handlerDone(connection: Socket): void {
      setTimeout(() => {
        if (connection.fileno() !== -1) {
          reportBug(
            `a handler finished, and ${LOOK_AFTER_MS} ms later its connection was still open: ` +
              'close each connection as soon as its handler is done, whether it succeeded or failed',
          );
        }
      }, LOOK_AFTER_MS);
    },
    /** A client reading until EOF, or the first bug the server side shows, whichever is first. */
    ask(who: string): Promise<string> {
      return Promise.race([ask(port, who, clients), bug]);
    },
    /** Closes the clients and the server; resolves with how the loop ended (undefined: it did not, in time). */
    stop: async (): Promise<Outcome | undefined> => {
      stopping = true;
      await Promise.all([...clients].map((client) => client.close()));
      await server.close();
      await within(loop, WAIT_MS, 'serveForever settling after server.close()').catch(() => {});
      return outcome;
    },
  };
}

/**
 * Connects and reads until the server closes: everything the server sent. The client sends
 * nothing: the handlers here never read, and a socket closed with unread bytes in its receive
 * queue answers with RST, which would reach the client as ECONNRESET instead of the EOF after
 * the reply (Node 24 showed it on every run). `who` names the client in failures; `clients`
 * holds it while it is open, so that stopping the test closes it.
 */
async function ask(port: number, who: string, clients: Set<Socket>): Promise<string> {
  await using client = await createConnection(['127.0.0.1', port], WAIT_MS);
  clients.add(client);
  let text = '';
  try {
    for (;;) {
      const chunk = await client.recv(4096);
      if (chunk.length === 0) return text;
      text += chunk.toString('latin1');
    }
  } catch (error) {
    throw new Error(
      `${who}: the server did not close the connection within ${WAIT_MS} ms ` +
        `(it sent ${JSON.stringify(text)}; ${String(error)})`,
    );
  } finally {
    clients.delete(client);
  }
}

/** A promise with its resolve function, for handlers that wait on the test. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

describe.concurrent('serveForever', () => {
  it('serves three clients at the same time: the loop does not wait for a handler', async () => {
    // Each handler waits until all three are being served. A loop that awaits handle() (the
    // notes' ct.run()) never accepts the second client, so the first handler would wait in
    // vain: soon after the first handler starts, the loop must be back in accept().
    const allThree = gate();
    let inside = 0;
    let most = 0;
    const loop = await startLoop(async (connection) => {
      inside += 1;
      most = Math.max(most, inside);
      if (most === 1) {
        setTimeout(() => {
          if (loop.accepts() < 2) {
            loop.reportBug(
              'the loop did not call accept() again after handing the first connection to ' +
                "handle(): it awaits the handler (the notes' ct.run()), so the next client waits",
            );
          }
        }, LOOK_AFTER_MS);
      }
      if (inside === 3) allThree.open();
      try {
        await within(allThree.opened, WAIT_MS, 'three handlers running at once');
        await connection.sendAll('served\n');
      } finally {
        inside -= 1;
        loop.handlerDone(connection);
      }
    });
    try {
      const replies = await Promise.race([
        Promise.allSettled(['client 1', 'client 2', 'client 3'].map((who) => loop.ask(who))),
        loop.bug,
      ]);
      expect(
        most,
        'how many clients were being served at once: does the loop await handle() before the next accept()?',
      ).toBe(3);
      expect(replies.map((r) => (r.status === 'fulfilled' ? r.value : String(r.reason)))).toEqual([
        'served\n',
        'served\n',
        'served\n',
      ]);
    } finally {
      allThree.open();
      await loop.stop();
    }
  });

  it('goes on serving after a handler rejects or throws, leaving no unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    let calls = 0;
    // Plain functions, not async ones: the second must throw before returning a promise. They
    // do not call handlerDone, which would need to wait on their promises and so would handle
    // the very rejections this test checks the loop handles.
    const handle: Handler = (connection) => {
      calls += 1;
      if (calls === 1) return Promise.reject(new Error('handler 1 rejected (on purpose)'));
      if (calls === 2) throw new Error('handler 2 threw before returning a promise (on purpose)');
      return connection.sendAll('served\n');
    };
    const loop = await startLoop(handle);
    try {
      // One after another, so the handlers are called in this order.
      expect(await loop.ask('client 1 (its handler rejects)')).toBe('');
      expect(await loop.ask('client 2 (its handler throws)')).toBe('');
      expect(await loop.ask('client 3')).toBe('served\n');
      // An unhandled rejection is reported after the current macrotask: let one pass.
      await oneTurn();
      expect(unhandled.map(String), 'unhandled rejections left by the loop').toEqual([]);
      expect(loop.outcome(), 'serveForever settled while the server was open').toBeUndefined();
    } finally {
      process.off('unhandledRejection', onUnhandled);
      await loop.stop();
    }
  });

  it('closes each connection once its handler is done', async () => {
    const loop = await startLoop(async (connection) => {
      try {
        await connection.sendAll('first line\n');
        await connection.sendAll('second line\n');
      } finally {
        loop.handlerDone(connection);
      }
    });
    try {
      expect(await loop.ask('a client')).toBe('first line\nsecond line\n');
      expect(await loop.ask('another client')).toBe('first line\nsecond line\n');
    } finally {
      await loop.stop();
    }
  });

  it('closes the connection of a handler that failed', async () => {
    const loop = await startLoop(async (connection) => {
      try {
        await connection.sendAll('partial\n');
        throw new Error('the handler failed half way (on purpose)');
      } finally {
        loop.handlerDone(connection);
      }
    });
    try {
      expect(await loop.ask('a client of a failing handler')).toBe('partial\n');
    } finally {
      await loop.stop();
    }
  });

  it('stops on EBADF only: resolves once the server is closed, rejects with any other accept() error', async () => {
    const loop = await startLoop(async (connection) => {
      try {
        await connection.sendAll('served\n');
      } finally {
        loop.handlerDone(connection);
      }
    });
    try {
      expect(await loop.ask('a client')).toBe('served\n');
    } finally {
      await loop.stop();
    }
    const outcome = loop.outcome();
    expect(outcome, 'serveForever did not settle after server.close()').toBeDefined();
    if (outcome?.settled === 'rejected') {
      expect.fail(
        `serveForever rejected after server.close(): ${String(outcome.error)}; the EBADF of a closed server means "stop", not "fail"`,
      );
    }
    // A listening socket whose accept() fails as one does when the process has no file
    // descriptors left: not the end of the server, so not a reason to stop quietly.
    const failure = new SocketError({ code: 'EMFILE', syscall: 'accept' });
    const failing = { accept: () => Promise.reject(failure) } as unknown as Socket;
    const ended = await within(
      serveForever(failing, async () => {}).then(
        () => 'resolved',
        (error: unknown) => error,
      ),
      WAIT_MS,
      'serveForever settling after accept() failed with EMFILE',
    );
    expect(ended, 'serveForever should reject with the EMFILE error accept() gave').toBe(failure);
  });
});
