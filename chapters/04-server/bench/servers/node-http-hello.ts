// Run: pnpm tsx chapters/04-server/bench/servers/node-http-hello.ts [--port N]
//
// The benchmark's reference: node:http (llhttp, the C parser inside Node) giving the same
// response as the chapter's servers give to GET /hello: 200, Date, Content-Type, Content-Length,
// the 13-byte body, keep-alive.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseModelArgs, runCli } from '../../src/cli-args.ts';
import { HELLO_BODY } from '../../src/models/routes.ts';

await runCli(async () => {
  const args = parseModelArgs(process.argv.slice(2), {});
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
  await new Promise<void>((resolve) => server.listen(args.port, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo; // a TCP server has an AddressInfo
  console.log(`node:http server listening at http://127.0.0.1:${port}/`);
  const stop = () => {
    server.close();
    server.closeAllConnections();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
});
