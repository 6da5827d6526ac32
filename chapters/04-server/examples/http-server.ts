// Run: pnpm tsx chapters/04-server/examples/http-server.ts [dir] [--port N] [--demo]
//
// A static-file HTTP/1.1 server written on node:net (no node:http). With no dir it serves the
// chapter's small site/ folder. It prints its URL and serves until Ctrl-C; with --demo it makes a
// few requests to itself with fetch(), prints what came back, and exits.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineCommand, UsageError } from '@netprog/cli';
import { createConnection } from '@netprog/socket-core';
import { startServer } from '../src/server.ts';
import { DEMO_OPTION, PORT_OPTION, runCli } from '../src/server-options.ts';
import { staticHandler } from '../src/static-handler.ts';

const command = defineCommand({
  name: 'http-server.ts',
  positionals: [{ name: 'dir', type: 'string' }],
  options: { port: PORT_OPTION, demo: DEMO_OPTION },
});

// #region serve
await runCli(async () => {
  const args = command.parse();
  const root = args.dir ?? fileURLToPath(new URL('../site/', import.meta.url));
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    throw new UsageError(`${root} is not a directory; give a folder to serve`);
  }
  const server = await startServer({ handler: staticHandler(root), port: args.port });
  console.log(
    `serving ${args.dir === undefined ? 'the chapter site' : path.resolve(root)} at ${server.url}`,
  );
  if (!args.demo) {
    process.once('SIGINT', () => void server.close());
    return;
  }
  for (const target of ['', 'notes/hello.txt', 'missing.txt']) {
    const response = await fetch(server.url + target, { signal: AbortSignal.timeout(5_000) });
    const body = await response.text();
    console.log(`GET /${target} -> ${response.status} ${response.statusText}`);
    console.log(
      `  content-type: ${response.headers.get('content-type')}, content-length: ${response.headers.get('content-length')}`,
    );
    console.log(
      `  ${body
        .split('\n')
        .find((line) => line.trim() !== '')
        ?.trim()}`,
    );
  }
  // fetch() normalises /%2e%2e/ away before sending, so attacks need a raw socket.
  for (const target of ['/../package.json', '/%2e%2e/package.json', '/notes%2fhello.txt']) {
    const reply = await rawRequest(
      server.port,
      `GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
    );
    console.log(`raw GET ${target} -> ${reply.split('\r\n', 1)[0]}`);
  }
  await server.close();
});
// #endregion serve

/** Sends raw bytes and reads until the server closes (bounded by 5 s). */
async function rawRequest(port: number, bytes: string): Promise<string> {
  await using client = await createConnection(['127.0.0.1', port], 5_000);
  await client.sendAll(bytes);
  const chunks: Buffer[] = [];
  for (;;) {
    const chunk = await client.recv(4096);
    if (chunk.length === 0) return Buffer.concat(chunks).toString('latin1');
    chunks.push(chunk);
  }
}
