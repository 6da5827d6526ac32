// Run: pnpm tsx chapters/06-udp/examples/boundaries.ts
//
// The same three sends over TCP and over UDP. TCP delivers a stream of bytes: once all three
// have arrived, one recv() gets them all at once. UDP delivers datagrams: three sends, three
// recvfrom()s, each exactly one message. (Linux only, the TCP half: it reads /proc/net/tcp, as ss
// does; elsewhere it is left out, saying so.)
import { defineCommand } from '@netprog/cli';
import { socket } from '@netprog/socket-core';
import { onLinuxOrSay } from '@netprog/testbed/linux-only';
import { runMain } from '../src/cli.ts';
import { waitForReceiveQueue } from '../src/receive-queue.ts';

const MESSAGES = ['one', 'two', 'three'];
const TOTAL_BYTES = MESSAGES.join('').length;

// No arguments: it opens every socket it needs on loopback.
const command = defineCommand({ name: 'boundaries.ts' });

runMain(async () => {
  command.parse();
  console.log(
    `TCP (SOCK_STREAM): the client sends ${MESSAGES.map((m) => `'${m}'`).join(', ')} with three sendAll() calls`,
  );
  if (onLinuxOrSay('the TCP half', 'it waits on the receive queue, read from /proc/net/tcp')) {
    // #region tcp
    await using listener = socket('AF_INET', 'SOCK_STREAM');
    await listener.bind(['127.0.0.1', 0]);
    await listener.listen();
    await using client = socket('AF_INET', 'SOCK_STREAM');
    client.setsockopt('TCP_NODELAY', true); // no batching by the sender: three segments go out
    await client.connect(listener.getsockname());
    for (const message of MESSAGES) await client.sendAll(message);
    // Nobody reads the connection before accept(), so the bytes wait in the server's kernel.
    // Read only once all of them are there: what ss shows as the connection's Recv-Q.
    const queued = await waitForReceiveQueue(
      client.getpeername(),
      client.getsockname(),
      TOTAL_BYTES,
      2_000,
    );
    console.log(`  the server's kernel holds ${queued} unread bytes for the connection (Recv-Q)`);
    const [conn] = await listener.accept();
    conn.settimeout(2_000);
    console.log(`  server recv(1024) #1 -> ${show(await conn.recv(1_024))}`);
    await client.close(); // FIN: the server's next recv() returns empty
    console.log(`  server recv(1024) #2 -> ${show(await conn.recv(1_024))}`);
    await conn.close();
    // #endregion tcp
    console.log(
      '  The boundaries are gone: TCP is a byte stream, and where a message ends is up to you.',
    );
  }

  console.log(`\nUDP (SOCK_DGRAM): the client sends the same three with three sendto() calls`);
  {
    // #region udp
    await using server = socket('AF_INET', 'SOCK_DGRAM');
    await server.bind(['127.0.0.1', 0]);
    server.settimeout(2_000);
    await using client = socket('AF_INET', 'SOCK_DGRAM');
    for (const message of MESSAGES) await client.sendto(message, server.getsockname());
    for (let reads = 1; reads <= MESSAGES.length; reads++) {
      const [data, [host, port]] = await server.recvfrom(1_024);
      console.log(`  server recvfrom(1024) #${reads} -> ${show(data)} from ${host}:${port}`);
    }
    // #endregion udp
  }
  console.log('  Each recvfrom() returns one whole datagram, never part of one and never two.');
});

function show(data: Buffer): string {
  return data.length === 0 ? "b'' (end of stream)" : `b'${data.toString()}' (${data.length} bytes)`;
}
