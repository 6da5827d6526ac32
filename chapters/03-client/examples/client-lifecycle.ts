// Run: pnpm tsx chapters/03-client/examples/client-lifecycle.ts [host] [port]
//
// A client socket's whole life, printed step by step: socket() -> connect() -> sendAll() ->
// recv() until EOF -> close(). With no host it starts a small local HTTP server to talk to.
import { defineCommand } from '@netprog/cli';
import { formatAddressTuple, socket } from '@netprog/socket-core';
import { listenHttp } from '@netprog/testbed';
import { runCli } from '../src/cli-exit.ts';

const command = defineCommand({
  name: 'client-lifecycle.ts',
  positionals: [
    { name: 'host', type: 'string' },
    { name: 'port', type: 'integer', min: 1, max: 65_535 }, // default 80
  ],
});

await runCli(async () => {
  const args = command.parse();
  let server: AsyncDisposable | undefined;
  let host: string;
  let port: number;
  if (args.host === undefined) {
    const target = await listenHttp({ body: 'hello from the server\n' });
    server = target;
    [host, port] = target.address;
    console.log(`(no host given: started a local HTTP server on ${host}:${port})\n`);
  } else {
    host = args.host;
    port = args.port ?? 80;
  }
  await using _server = server;

  // #region life
  // 1. socket(): an object only. Node creates the OS socket in connect(), so fd is -1 for now.
  // (`await using` closes it even if a step below throws.)
  await using sock = socket('AF_INET', 'SOCK_STREAM');
  sock.settimeout(2_000); // milliseconds; Python's settimeout(2.0) counts seconds
  console.log('1. socket()    ', String(sock));

  // 2. connect(): the kernel picks an ephemeral local port and does the TCP handshake.
  await sock.connect([host, port]);
  console.log('2. connect()   ', String(sock));
  console.log(
    '   local  (getsockname):',
    formatAddressTuple(sock.getsockname()),
    '<- ephemeral port',
  );
  console.log('   remote (getpeername):', formatAddressTuple(sock.getpeername()));

  // 3. send the request. The client speaks first; that is HTTP's rule, not TCP's.
  const request = `GET / HTTP/1.1\r\nHost: ${host}:${port}\r\nConnection: close\r\n\r\n`;
  await sock.sendAll(request);
  console.log(
    `3. sendAll()    sent ${Buffer.byteLength(request)} bytes: ${JSON.stringify(request)}`,
  );

  // 4. recv() until it returns an empty Buffer: the server closed its side (EOF).
  console.log('4. recv(64) until EOF:');
  const chunks: Buffer[] = [];
  for (let call = 1; ; call++) {
    const chunk = await sock.recv(64);
    console.log(
      `   recv #${call} -> ${chunk.length} bytes${chunk.length === 0 ? ' (EOF: the server closed)' : ''}`,
    );
    if (chunk.length === 0) break;
    chunks.push(chunk);
  }
  const reply = Buffer.concat(chunks).toString('latin1');
  console.log(
    `   reply: ${reply.length} bytes, first line ${JSON.stringify(reply.split('\r\n')[0])}`,
  );

  // 5. close(): releases the OS socket. A client socket serves one exchange, then it is done.
  await sock.close();
  console.log('5. close()     ', String(sock));
  // #endregion life
});
