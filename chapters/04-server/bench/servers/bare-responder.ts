// Run: pnpm tsx chapters/04-server/bench/servers/bare-responder.ts [--port N]
//
// The ceiling: a node:net server that parses nothing. It counts the blank lines that end request
// heads in each chunk and writes that many copies of one prepared response. No validation, no
// routing, no bodies, no timeouts: never run this as a server. What it costs per request is what
// node:net itself costs (a read, a write, the stream machinery), so no server on node:net can
// beat it; the gap between it and the chapter's server is what parsing and checking cost.
import { once } from 'node:events';
import net from 'node:net';
import { defineCommand } from '@netprog/cli';
import { httpDate } from '../../src/http-date.ts';
import { HELLO_BODY } from '../../src/models/routes.ts';
import { PORT_OPTION, runCli } from '../../src/server-options.ts';

const command = defineCommand({ name: 'bare-responder.ts', options: { port: PORT_OPTION } });

const response = (date: string) =>
  Buffer.from(
    `HTTP/1.1 200 OK\r\nDate: ${date}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(HELLO_BODY)}\r\n\r\n${HELLO_BODY}`,
    'latin1',
  );

await runCli(async () => {
  const args = command.parse();
  let date = httpDate();
  let prepared = response(date);
  const server = net.createServer((socket) => {
    socket.setNoDelay(true);
    socket.on('error', () => socket.destroy());
    socket.on('data', (chunk) => {
      if (httpDate() !== date) {
        date = httpDate();
        prepared = response(date);
      }
      let requests = 0;
      for (let at = chunk.indexOf('\r\n\r\n'); at !== -1; at = chunk.indexOf('\r\n\r\n', at + 4))
        requests += 1;
      if (requests === 1) socket.write(prepared);
      else if (requests > 1) socket.write(Buffer.concat(Array(requests).fill(prepared)));
    });
  });
  server.listen(args.port, '127.0.0.1');
  await once(server, 'listening'); // rejects with the listen error, e.g. a port in use
  const { port } = server.address() as net.AddressInfo; // a TCP server has an AddressInfo
  console.log(`bare node:net responder listening at http://127.0.0.1:${port}/`);
  const sockets = new Set<net.Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const stop = () => {
    server.close();
    for (const socket of sockets) socket.destroy();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
});
