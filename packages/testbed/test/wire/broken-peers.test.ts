// Deliberately broken student code, and the exact words the wire view finds for each: a server
// that never listens, a client that never reads, a client that never closes, a parser that breaks
// on a split \r\n, a server that closes with unread bytes. These are the messages the grader will
// print; if one changes, the change is seen here first.
import { once } from 'node:events';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { closedPort, listenHttp } from '../../src/fixtures/index.ts';
import { linuxOnly } from '../../src/linux-only/tests.ts';
import { within } from '../../src/timing/index.ts';
import { describeSockets } from '../../src/wire/explain/describe-sockets.ts';
import { explainErrno } from '../../src/wire/explain/explain-errno.ts';
import { explainHang } from '../../src/wire/explain/explain-hang.ts';
import { converse } from '../../src/wire/record/recording-client.ts';
import { bytesSent } from '../../src/wire/record/transcript.ts';
import { firstDifference } from '../../src/wire/show/first-difference.ts';
import { formatTranscript } from '../../src/wire/show/format-transcript.ts';
import { maskTimes, waitForKernel } from './outline.ts';

const linux = linuxOnly("the kernel's view of each socket (state, queues) comes from /proc/net");

const REQUEST = 'GET /hello HTTP/1.1\r\nHost: x\r\n\r\n';
/** Wide enough that no line wraps: the live tests compare words, the pure ones check wrapping. */
const WIDE = { width: 300 };

// The student's servers and clients of each test, closed whatever happened.
const open: (net.Server | net.Socket)[] = [];
afterEach(async () => {
  // Sockets first (they were pushed after their server): a server closes only once they have.
  for (const thing of open.splice(0).reverse()) {
    if (thing instanceof net.Socket) thing.destroy();
    else await new Promise<void>((resolve) => thing.close(() => resolve()));
  }
});

/** Starts a "student's" server on 127.0.0.1:0. */
async function studentServer(
  onConnection: (socket: net.Socket) => void,
  options: net.ServerOpts = {},
): Promise<{ server: net.Server; port: number; sockets: net.Socket[] }> {
  const sockets: net.Socket[] = [];
  const server = net.createServer(options, (socket) => {
    socket.on('error', () => {});
    sockets.push(socket);
    open.push(socket);
    onConnection(socket);
  });
  open.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, port: (server.address() as net.AddressInfo).port, sockets };
}

describe('a server that never listens', () => {
  it('is named from the refused connect, the errno and the hang', async () => {
    // The student's startServer() returned without calling listen(): nothing is on its port.
    await using nobody = await closedPort();
    const talk = await converse(nobody.port, { send: REQUEST });
    expect(talk.ending).toBe('refused');
    expect(maskTimes(formatTranscript(talk.transcript, WIDE))).toEqual([
      `wire (the test's client ⇄ your server 127.0.0.1:${nobody.port}):`,
      '+T ms  → connect: refused (ECONNREFUSED)',
      `✗ nothing listened on 127.0.0.1:${nobody.port}: the connect was refused (ECONNREFUSED)`,
    ]);
    expect(explainErrno('ECONNREFUSED', talk.transcript)).toBe(
      `ECONNREFUSED: nothing listened on 127.0.0.1:${nobody.port}, so the kernel answered the SYN with RST`,
    );
    const sockets = await describeSockets();
    expect(
      explainHang({ sockets, transcripts: [talk.transcript], expectedListen: nobody.address }),
    ).toEqual([
      `· nothing listened on 127.0.0.1:${nobody.port}, where the test expected your server`,
      '· your code holds no socket: it waits on something else (a promise that never settles, a timer?)',
    ]);
  });
});

describe('a client that never reads', () => {
  linux.it(
    'leaves what the server sent in its receive queue, and the probe says how much',
    async () => {
      await using target = await listenHttp({ body: Buffer.alloc(1024 * 1024, 'x') });
      // The student's client sends its request and never reads the answer.
      const student = net.connect(target.port, '127.0.0.1');
      open.push(student);
      student.on('error', () => {});
      student.pause();
      student.write(REQUEST);
      await within(once(student, 'connect'), 2_000, 'connect');
      const me = ['127.0.0.1', student.localPort ?? 0] as const;
      await waitForKernel(me, target.address, (ends) => (ends.client?.rxQueue ?? 0) > 0);
      await target.close();
      const lines = maskTimes(formatTranscript(target.wire.transcripts()[0]!, WIDE))
        .map((line) =>
          line
            .replace(/\d+ B unread/, 'N B unread')
            .replace(/stopped reading: \d+ B/, 'stopped reading: N B')
            // Once the kernel has taken the whole 1 MiB (it may grow its buffers that far), the
            // target sends its FIN, which then waits behind the unread bytes (FIN_WAIT1).
            .replace(/ FIN_WAIT1$/, ' ESTABLISHED'),
        )
        .filter((line) => line !== '+T ms  ← FIN');
      expect(lines).toEqual([
        `wire (your client 127.0.0.1:${me[1]} ⇄ the test's http target 127.0.0.1:${target.port}):`,
        '+T ms  → connect',
        '+T ms  → 32 B  "GET /hello HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n"',
        // 64 KiB of the 1 MiB are kept: the line shows what fits and counts the rest.
        expect.stringMatching(
          /^\+T ms {2}← 1048639 B {2}"HTTP\/1\.1 200 OK\\r\\nContent-Length: 1048576\\r\\nConnection: close\\r\\n\\r\\nx+"… \(\+983103 B not kept\)$/,
        ),
        "+T ms  · kernel: your client ESTABLISHED, N B unread; the test's http target ESTABLISHED",
        '+T ms  · the test ended: the fixture closed what was still open',
        "✗ your client stopped reading: N B the test's http target sent were still in its receive queue when the test ended",
      ]);
    },
  );
});

describe('a client that never closes', () => {
  linux.it('sits in CLOSE_WAIT after the server closed, and the verdict says so', async () => {
    await using target = await listenHttp({ body: 'hello' });
    // The student's client reads the whole answer and the end of file, but never closes.
    const student = net.connect({ port: target.port, host: '127.0.0.1', allowHalfOpen: true });
    open.push(student);
    student.on('error', () => {});
    student.resume();
    student.write(REQUEST);
    await within(once(student, 'end'), 2_000, 'the end of the response');
    const me = student.localPort;
    await target.close();
    const lines = maskTimes(formatTranscript(target.wire.transcripts()[0]!, WIDE));
    expect(lines.map((line) => line.replace(/FIN_WAIT[12]$/, 'FIN_WAIT'))).toEqual([
      `wire (your client 127.0.0.1:${me} ⇄ the test's http target 127.0.0.1:${target.port}):`,
      '+T ms  → connect',
      '+T ms  → 32 B  "GET /hello HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n"',
      '+T ms  ← 62 B  "HTTP/1.1 200 OK\\r\\nContent-Length: 5\\r\\nConnection: close\\r\\n\\r\\nhello"',
      '+T ms  ← FIN',
      // FIN_WAIT2 once the client's kernel has acknowledged the FIN; FIN_WAIT1 a moment before.
      "+T ms  · kernel: your client CLOSE_WAIT; the test's http target FIN_WAIT",
      '+T ms  · the test ended: the fixture closed what was still open',
      "✗ your client never closed: the test's http target closed its side (FIN) at +T ms, and your socket was still in CLOSE_WAIT (the peer closed and you never did)",
    ]);
  });
});

describe('a parser that breaks on a split \\r\\n', () => {
  /** The reference: reads until the blank line, however the bytes arrive. */
  const reference = (socket: net.Socket): void => {
    let head = '';
    socket.on('data', (chunk: Buffer) => {
      head += chunk.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      const version = head.slice(0, head.indexOf('\r\n')).split(' ')[2];
      socket.end(answer(version));
    });
  };
  /** The student's: takes the request line from the first chunk, assuming it arrived whole. */
  const broken = (socket: net.Socket): void => {
    socket.once('data', (chunk: Buffer) => {
      const text = chunk.toString('latin1');
      const end = text.indexOf('\r\n');
      const line = end === -1 ? text : text.slice(0, end);
      socket.end(answer(line.split(' ')[2]));
    });
  };
  const answer = (version: string | undefined): string =>
    version === 'HTTP/1.1'
      ? 'HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n'
      : 'HTTP/1.1 505 HTTP Version Not Supported\r\nContent-Length: 0\r\n\r\n';

  it('answers differently from the reference, and firstDifference points at the byte', async () => {
    const split = ['GET /hello HTTP/1.1\r', '\nHost: x\r\n\r\n'];
    const yours = await studentServer(broken);
    const theirs = await studentServer(reference);
    const mine = await converse(yours.port, { send: split });
    const ref = await converse(theirs.port, { send: split });
    expect(
      firstDifference(
        bytesSent(mine.transcript, 'server').bytes,
        bytesSent(ref.transcript, 'server').bytes,
      ),
    ).toBe(
      [
        'first difference at byte 9 (yours: 62 B, expected: 38 B):',
        '  yours:    "HTTP/1.1 505 HTTP Version Not Supported\\r\\nContent-Length: 0\\r\\n\\r\\n"',
        '  expected: "HTTP/1.1 200 OK\\r\\nContent-Length: 0\\r\\n\\r\\n"',
        '                      ^ yours has 5 (0x35), expected 2 (0x32)',
      ].join('\n'),
    );
    // The transcript shows the split the parser did not survive: the first piece ends in \r.
    // (The answer may be seen before or after the second piece goes out: the student's server
    // answered as soon as it read the first.)
    const yourLines = maskTimes(formatTranscript(mine.transcript, WIDE));
    expect(yourLines.slice(1, 3)).toEqual([
      '+T ms  → connect',
      '+T ms  → 20 B  "GET /hello HTTP/1.1\\r"',
    ]);
    expect(yourLines).toContain(
      '+T ms  ← 62 B  "HTTP/1.1 505 HTTP Version Not Supported\\r\\nContent-Length: 0\\r\\n\\r\\n"',
    );
    // The reference answered only once the rest had come.
    expect(maskTimes(formatTranscript(ref.transcript, WIDE)).slice(2, 5)).toEqual([
      '+T ms  → 20 B  "GET /hello HTTP/1.1\\r"',
      '+T ms  → 12 B  "\\nHost: x\\r\\n\\r\\n"',
      '+T ms  ← 38 B  "HTTP/1.1 200 OK\\r\\nContent-Length: 0\\r\\n\\r\\n"',
    ]);
  });
});

describe('a server that closes with unread bytes', () => {
  linux.it(
    'resets the connection: the test client sees RST, and the verdict says why',
    async () => {
      // The student's server never reads (paused on connect) and closes the connection.
      const yours = await studentServer(() => {}, { pauseOnConnect: true });
      const talking = converse(yours.port, { send: REQUEST });
      const [socket] = await within(
        (async () => {
          while (yours.sockets.length === 0) await once(yours.server, 'connection');
          return yours.sockets;
        })(),
        2_000,
        'the connection',
      );
      const client = [socket!.remoteAddress ?? '', socket!.remotePort ?? 0] as const;
      await waitForKernel(client, ['127.0.0.1', yours.port], (ends) => ends.server?.rxQueue === 32);
      socket!.destroy(); // 32 unread bytes in the kernel: it answers with RST
      const talk = await talking;
      expect([talk.ending, talk.code]).toEqual(['rst', 'ECONNRESET']);
      expect(maskTimes(formatTranscript(talk.transcript, WIDE))).toEqual([
        `wire (the test's client 127.0.0.1:${client[1]} ⇄ your server 127.0.0.1:${yours.port}):`,
        '+T ms  → connect',
        '+T ms  → 32 B  "GET /hello HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n"',
        "+T ms  ← RST (seen as 'error' ECONNRESET)",
        "✗ your server closed with unread bytes (it reset the connection after the test's client had sent 32 B): the kernel answers RST when a socket closes with data still unread",
      ]);
    },
  );
});

describe('a server that never reads, and one that never answers', () => {
  linux.it(
    'tells them apart by what the kernel still holds when the test client gives up',
    async () => {
      const paused = await studentServer(() => {}, { pauseOnConnect: true });
      const silent = await studentServer(() => {});
      const neverRead = await converse(paused.port, { send: REQUEST, timeoutMs: 300 });
      const neverAnswered = await converse(silent.port, { send: REQUEST, timeoutMs: 300 });
      expect(maskTimes(formatTranscript(neverRead.transcript, WIDE)).slice(3)).toEqual([
        "+T ms  · kernel: the test's client ESTABLISHED; your server ESTABLISHED, 32 B unread",
        "+T ms  · the test's client gave up after 300 ms waiting for the server to close the connection",
        '✗ your server never read the request: all 32 B were still in its receive queue',
      ]);
      expect(maskTimes(formatTranscript(neverAnswered.transcript, WIDE)).at(-1)).toBe(
        "✗ your server never answered: it took the request (32 B) from its receive queue, and the test's client waited 300 ms",
      );
    },
  );
});
