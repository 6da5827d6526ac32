// Run: pnpm tsx chapters/03-client/examples/http-get.ts [url]
//
// A raw HTTP/1.1 GET over a TCP socket, printing the status line, the headers and the body size.
// With no URL it starts a local server and fetches three pages, one for each way an HTTP body
// can end: by Content-Length, by chunked encoding, and by the server closing the connection.
import { defineCommand } from '@netprog/cli';
import { listenHttp } from '@netprog/testbed';
import { runCli } from '../src/cli-exit.ts';
import { httpGet } from '../src/http-get.ts';

const command = defineCommand({
  name: 'http-get.ts',
  positionals: [{ name: 'url', type: 'string' }],
});

const BODY = 'The quick brown fox jumps over the lazy dog.\n'.repeat(20);

async function show(url: string): Promise<void> {
  const response = await httpGet(url, { timeoutMs: 2_000 });
  console.log(`GET ${url}`);
  console.log(`  HTTP/${response.httpVersion} ${response.status} ${response.reason}`);
  for (const [name, value] of response.headers) console.log(`  ${name}: ${value}`);
  console.log(`  body: ${response.body.length} bytes, framed by ${response.framing}`);
}

await runCli(async () => {
  const { url } = command.parse();
  if (url !== undefined) {
    await show(url);
    return;
  }
  await using server = await listenHttp((request) => {
    const common = { headers: { 'Content-Type': 'text/plain' }, body: BODY };
    if (request.target === '/chunked') return { ...common, chunked: true, chunkSize: 256 };
    if (request.target === '/until-close') return { ...common, noContentLength: true };
    return common;
  });
  console.log('(no URL given: started a local HTTP server)\n');
  for (const [i, path] of ['length', 'chunked', 'until-close'].entries()) {
    if (i > 0) console.log();
    await show(`${server.url}${path}`);
  }
});
