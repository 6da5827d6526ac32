// Run: pnpm tsx chapters/06-udp/examples/boundaries.ts
//
// The same three sends over TCP and over UDP. TCP delivers a stream of bytes: the receiver's
// first recv() gets all three at once. UDP delivers datagrams: three sends, three recvfrom()s,
// each exactly one message.
import { socket, udpSocket } from '@netprog/socket-core';
import { runMain } from '../src/cli.ts';

const MESSAGES = ['one', 'two', 'three'];

runMain(async () => {
  console.log(
    `TCP (SOCK_STREAM): the client sends ${MESSAGES.map((m) => `'${m}'`).join(', ')} with three sendAll() calls`,
  );
  {
    // #region tcp
    await using listener = socket('AF_INET', 'SOCK_STREAM');
    await listener.bind(['127.0.0.1', 0]);
    await listener.listen();
    await using client = socket('AF_INET', 'SOCK_STREAM');
    client.setsockopt('TCP_NODELAY', true); // no batching by the sender: three segments go out
    await client.connect(listener.getsockname());
    for (const message of MESSAGES) await client.sendAll(message);
    await client.close(); // FIN: the server's recv() returns empty after the data
    const [conn] = await listener.accept();
    conn.settimeout(2_000);
    for (let reads = 1; ; reads++) {
      const data = await conn.recv(1_024);
      console.log(`  server recv(1024) #${reads} -> ${show(data)}`);
      if (data.length === 0) break;
    }
    await conn.close();
    // #endregion tcp
  }
  console.log(
    '  The boundaries are gone: TCP is a byte stream, and where a message ends is up to you.',
  );

  console.log(`\nUDP (SOCK_DGRAM): the client sends the same three with three sendto() calls`);
  {
    // #region udp
    await using server = udpSocket();
    await server.bind(['127.0.0.1', 0]);
    server.settimeout(2_000);
    await using client = udpSocket();
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
