// Run: pnpm tsx chapters/04-server/bench/servers/node-http-hello.ts [--port N]
//
// The benchmark's reference: node:http (llhttp, the C parser inside Node) giving the same
// response as the chapter's servers give to GET /hello: 200, Date, Content-Type, Content-Length,
// the 13-byte body, keep-alive.
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { defineCommand } from '@netprog/cli';
import { HELLO_BODY } from '../../src/models/routes.ts';
import { PORT_OPTION, runCli } from '../../src/server-options.ts';

const command = defineCommand({ name: 'node-http-hello.ts', options: { port: PORT_OPTION } });

await runCli(async () => {
  const args = command.parse();
  const length = String(Buffer.byteLength(HELLO_BODY));
  const server = createServer((request, response) => {
    if (request.url !== '/hello') {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': 0 });
      response.end();
      return;
    }
    response.writeHead(200, {
      'Content-Type': 'text/plain; charset=utf-8',
      'Content-Length': length,
    });
    response.end(HELLO_BODY);
  });
  server.listen(args.port, '127.0.0.1');
  await once(server, 'listening'); // rejects with the listen error, e.g. a port in use
  const { port } = server.address() as AddressInfo; // a TCP server has an AddressInfo
  console.log(`node:http server listening at http://127.0.0.1:${port}/`);
  const stop = () => {
    server.close();
    server.closeAllConnections();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
});
