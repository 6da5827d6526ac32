// Run: pnpm tsx chapters/04-server/examples/echo-server.ts [--port N] [--demo]
//
// The smallest TCP server, written as Berkeley sockets teach it: bind, listen, then an accept loop
// that hands each connection to its own async task (recv until EOF, sendAll each chunk back).
// Node has one thread: the "concurrency" is the event loop interleaving those tasks.
// With --demo it connects three clients at once, prints what each got back, and exits.
import { defineCommand } from '@netprog/cli';
import { createConnection, createServer, type Socket } from '@netprog/socket-core';
import { DEMO_OPTION, PORT_OPTION, runCli } from '../src/server-options.ts';

const command = defineCommand({
  name: 'echo-server.ts',
  options: { port: PORT_OPTION, demo: DEMO_OPTION },
});

// #region echo
async function echo(connection: Socket): Promise<void> {
  connection.settimeout(10_000); // a silent client is dropped, not kept forever
  try {
    for (;;) {
      const data = await connection.recv(4096);
      if (data.length === 0) break; // EOF: the client closed its side
      await connection.sendAll(data);
    }
  } catch {
    // A reset or timeout ends this connection only; the accept loop carries on.
  } finally {
    await connection.close();
  }
}

async function acceptLoop(server: Socket): Promise<void> {
  for (;;) {
    const [connection] = await server.accept();
    void echo(connection); // do not await: accept the next client while this one is served
  }
}
// #endregion echo

await runCli(async () => {
  const args = command.parse();
  const server = await createServer(['127.0.0.1', args.port]);
  const [host, port] = server.getsockname();
  console.log(`echo server listening on ${host}:${port}`);
  const loop = acceptLoop(server).catch(() => {}); // accept() rejects once the server is closed
  if (!args.demo) return;
  const replies = await Promise.all(
    ['one', 'two', 'three'].map(async (word) => {
      const client = await createConnection([host, port], 5_000);
      await client.sendAll(`hello ${word}`);
      client.shutdown('SHUT_WR'); // tell the server we are done, so its recv() returns EOF
      const chunks: Buffer[] = [];
      for (;;) {
        const chunk = await client.recv(4096);
        if (chunk.length === 0) break;
        chunks.push(chunk);
      }
      await client.close();
      return Buffer.concat(chunks).toString();
    }),
  );
  for (const reply of replies) console.log(`client got back: ${reply}`);
  await server.close();
  await loop;
});
