// Run: pnpm tsx chapters/06-udp/examples/udp-echo.ts [message ...]
//
// A UDP echo server in plain Node (node:dgram: bind, then a 'message' event per datagram) and a
// client written with socket-core's Berkeley calls (sendto, recvfrom). No connection, no accept:
// the server answers whoever sent the datagram, at the address that came with it.
import dgram from 'node:dgram';
import { once } from 'node:events';
import { defineCommand } from '@netprog/cli';
import { socket } from '@netprog/socket-core';
import { runMain } from '../src/cli.ts';

const command = defineCommand({
  name: 'udp-echo.ts',
  positionals: [{ name: 'message', type: 'string', many: true }], // each one datagram
});

runMain(async () => {
  const messages = command.parse().message;
  if (messages.length === 0) messages.push('hello', 'each sendto is one datagram', 'bye');

  // #region server
  const server = dgram.createSocket('udp4');
  server.on('message', (message, rinfo) => {
    console.log(`server: ${message.length} bytes from ${rinfo.address}:${rinfo.port}, echoing`);
    server.send(message, rinfo.port, rinfo.address);
  });
  server.bind(0, '127.0.0.1');
  await once(server, 'listening');
  // #endregion server
  const { port } = server.address();
  console.log(`server: bound to 127.0.0.1:${port}`);

  try {
    // #region client
    await using client = socket('AF_INET', 'SOCK_DGRAM'); // Python: socket(AF_INET, SOCK_DGRAM)
    client.settimeout(1_000); // a lost datagram must not hang us
    console.log(`client: ${client}`);
    for (const message of messages) {
      const sent = await client.sendto(message, ['127.0.0.1', port]);
      const [reply, [host, from]] = await client.recvfrom(2_048);
      console.log(
        `client: sent ${sent} bytes, got ${JSON.stringify(reply.toString())} from ${host}:${from}`,
      );
    }
    console.log(`client: ${client}`); // the first sendto bound it
    // #endregion client
  } finally {
    server.close();
  }
});
