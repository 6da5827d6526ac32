// Run: pnpm tsx chapters/04-server/test/bench/raw-vs-node-http.ts [seconds] [connections]
//
// A rough throughput comparison (not a test): the chapter's server on node:net against node:http,
// both answering a 13-byte body, loaded by the same small keep-alive client in this process. No
// autocannon or wrk is needed; for serious numbers use one of them in a separate process, because
// here the client shares the CPU (and the event loop) with the server it measures.
import { createServer as createHttpServer } from 'node:http';
import net from 'node:net';
import { startServer } from '../../src/server.ts';

const BODY = 'hello, world\n';
const REQUEST = Buffer.from('GET / HTTP/1.1\r\nHost: bench\r\n\r\n');

/** Keeps `connections` keep-alive connections busy for `ms`, one request in flight on each. */
async function load(port: number, connections: number, ms: number): Promise<number> {
  let responses = 0;
  const deadline = Date.now() + ms;
  const one = () =>
    new Promise<void>((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.setNoDelay(true);
      let pending = '';
      socket.on('error', reject);
      socket.on('connect', () => socket.write(REQUEST));
      socket.on('data', (chunk) => {
        pending += chunk.toString('latin1');
        // Each response ends with the body; count them and send the next request.
        for (let end = pending.indexOf(BODY); end !== -1; end = pending.indexOf(BODY)) {
          pending = pending.slice(end + BODY.length);
          responses += 1;
          if (Date.now() < deadline) socket.write(REQUEST);
          else {
            socket.destroy();
            resolve();
          }
        }
      });
    });
  await Promise.all(Array.from({ length: connections }, one));
  return responses;
}

const seconds = Number(process.argv[2] ?? 3);
const connections = Number(process.argv[3] ?? 20);
if (!(seconds > 0 && seconds <= 60) || !(connections > 0 && connections <= 1000)) {
  console.error('error: usage: raw-vs-node-http.ts [seconds 1-60] [connections 1-1000]');
  process.exit(2);
}

const raw = await startServer({ handler: () => ({ status: 200, body: BODY }) });
const http = createHttpServer((_request, response) => {
  response.setHeader('Content-Type', 'text/plain; charset=utf-8');
  response.setHeader('Content-Length', BODY.length);
  response.end(BODY);
});
await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
const httpPort = (http.address() as net.AddressInfo).port; // a TCP server reports an AddressInfo

for (const [name, port] of [
  ['raw node:net server', raw.port],
  ['node:http', httpPort],
] as const) {
  const count = await load(port, connections, seconds * 1000);
  console.log(
    `${name.padEnd(20)} ${Math.round(count / seconds)} requests/s (${connections} connections, ${seconds} s)`,
  );
}
await raw.close();
http.closeAllConnections();
await new Promise<void>((resolve) => http.close(() => resolve()));
