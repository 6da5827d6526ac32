// Real HTTP clients against the chapter's static server (startServer + staticHandler, as
// examples/http-server.ts runs it) on loopback: Node's fetch, curl and Python's http.client.
// Keep-alive is checked from the server's side: every request records the client's port, so
// several requests from one port came over one connection.
import { execFile, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../src/server.ts';
import { staticHandler } from '../src/static-handler.ts';

const SITE = fileURLToPath(new URL('../site/', import.meta.url));
const HELLO = 'This file was served by the chapter 4 server.\n';
let server: RunningServer;
let ports: number[] = [];

beforeAll(async () => {
  const serveSite = staticHandler(SITE);
  server = await startServer({
    handler: (request) => {
      ports.push(request.remotePort);
      return serveSite(request);
    },
  });
});
afterAll(() => server.close());
beforeEach(() => {
  ports = [];
});

/** Whether a command runs here; the tests that need it are skipped (and say so) when it does not. */
const installed = (command: string) => spawnSync(command, ['--version']).status === 0;
const hasCurl = installed('curl');
const hasPython = installed('python3');
const needs = (what: string, present: boolean, title: string) =>
  present ? title : `${title} (skipped: ${what} is not installed)`;

function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { timeout: 15_000 }, (error, stdout, stderr) =>
      error ? reject(new Error(`${command} failed: ${error.message}\n${stderr}`)) : resolve(stdout),
    );
  });
}

describe('fetch', () => {
  it('gets files, a 404, a HEAD and a 405 over kept-alive connections', async () => {
    const get = async (path: string, method = 'GET') => {
      const response = await fetch(`${server.url}${path}`, {
        method,
        signal: AbortSignal.timeout(5_000),
      });
      return { response, body: await response.text() };
    };
    const hello = await get('notes/hello.txt');
    expect(hello.response.status).toBe(200);
    expect(hello.response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(hello.response.headers.get('content-length')).toBe(String(HELLO.length));
    expect(hello.response.headers.get('date')).toMatch(/ GMT$/);
    expect(hello.body).toBe(HELLO);
    const index = await get('');
    expect(index.response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.body).toContain('<!doctype html>');
    const missing = await get('missing.txt');
    expect(missing.response.status).toBe(404);
    const head = await get('notes/hello.txt', 'HEAD');
    expect(head.response.headers.get('content-length')).toBe(String(HELLO.length));
    expect(head.body).toBe('');
    const post = await get('notes/hello.txt', 'POST');
    expect(post.response.status).toBe(405);
    expect(post.response.headers.get('allow')).toBe('GET, HEAD');
    // fetch (undici) keeps a pool and here alternates between two connections (it does the same
    // with node:http); what matters is that connections are reused, not opened per request.
    expect(ports).toHaveLength(5);
    expect(new Set(ports).size, `client ports ${ports.join(', ')}`).toBeLessThanOrEqual(2);
  });
});

describe('curl', () => {
  it.skipIf(!hasCurl)(
    needs('curl', hasCurl, 'gets three URLs over one connection (num_connects 1, then 0)'),
    async () => {
      const out = await run('curl', [
        '-sS',
        '--max-time',
        '10',
        '-o',
        '/dev/null',
        '-o',
        '/dev/null',
        '-o',
        '/dev/null',
        '-w',
        '%{http_code} %{num_connects} %{size_download}\\n',
        `${server.url}notes/hello.txt`,
        server.url,
        `${server.url}missing.txt`,
      ]);
      const lines = out.trim().split('\n');
      expect(lines[0]).toBe(`200 1 ${HELLO.length}`);
      expect(lines[1]).toMatch(/^200 0 \d+$/);
      expect(lines[2]).toMatch(/^404 0 \d+$/);
      expect(new Set(ports).size).toBe(1);
    },
  );

  it.skipIf(!hasCurl)(needs('curl', hasCurl, 'shows the headers and body (-i)'), async () => {
    const out = await run('curl', [
      '-sS',
      '--max-time',
      '10',
      '-i',
      `${server.url}notes/hello.txt`,
    ]);
    expect(out).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(out).toContain(`Content-Length: ${HELLO.length}\r\n`);
    expect(out.endsWith(`\r\n\r\n${HELLO}`)).toBe(true);
  });
});

// Python's http.client keeps one socket open across requests and reopens it only if the server
// closed it, so the local port it reports after each response shows whether keep-alive held.
const PYTHON_CLIENT = `
import http.client, json, sys
conn = http.client.HTTPConnection(sys.argv[1], int(sys.argv[2]), timeout=5)
results = []
for method, path in [("GET", "/notes/hello.txt"), ("HEAD", "/notes/hello.txt"), ("GET", "/missing.txt"), ("POST", "/notes/hello.txt"), ("GET", "/")]:
    conn.request(method, path, body=b"abc" if method == "POST" else None)
    response = conn.getresponse()
    body = response.read()
    results.append({"status": response.status, "length": response.getheader("Content-Length"),
                    "body": body.decode("latin-1"), "port": conn.sock.getsockname()[1]})
conn.close()
print(json.dumps(results))
`;

describe('Python http.client', () => {
  it.skipIf(!hasPython)(
    needs('python3', hasPython, 'makes five requests on one connection, a POST among them'),
    async () => {
      const out = await run('python3', ['-c', PYTHON_CLIENT, server.host, String(server.port)]);
      const results = JSON.parse(out) as Array<{
        status: number;
        length: string;
        body: string;
        port: number;
      }>;
      expect(results.map((r) => r.status)).toEqual([200, 200, 404, 405, 200]);
      expect(results[0]?.body).toBe(HELLO);
      expect(results[1]).toMatchObject({ length: String(HELLO.length), body: '' }); // HEAD
      expect(new Set(results.map((r) => r.port)).size).toBe(1);
      expect(new Set(ports)).toEqual(new Set([results[0]?.port]));
    },
  );
});
