// Run: pnpm tsx packages/cli/examples/listen.ts [--port N]
// A program that listens on the port the user chooses, prints its address and stops: its command
// line declared once, and every mistake (a bad option, a port in use) one line and exit code 2.
import { once } from 'node:events';
import net from 'node:net';
import { defineCommand, runMain } from '@netprog/cli';

const command = defineCommand({
  name: 'listen.ts',
  options: { port: { type: 'integer', min: 0, max: 65_535, default: 0 } },
});

runMain(async () => {
  const { port } = command.parse(); // typed from the declaration: port is a number
  const server = net.createServer();
  server.listen(port, '127.0.0.1');
  await once(server, 'listening'); // rejects with the listen error: EADDRINUSE, EACCES, ...
  console.log(`listening on 127.0.0.1:${(server.address() as net.AddressInfo).port}`);
  server.close();
});
