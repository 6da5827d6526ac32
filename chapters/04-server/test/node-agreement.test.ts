// Every malformed request of the suite, sent to node:http on loopback: node:http must answer what
// malformed-requests.ts says it answers. Where that differs from this server's answer, the table
// says why, with the RFC section; a difference nobody wrote down fails here. If a Node release
// changes what node:http answers, this test says which case to look at again.
import http from 'node:http';
import type net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MALFORMED, TEST_LIMITS } from './malformed-requests.ts';
import { exchange, statusOf } from './raw-exchange.ts';

let oracle: http.Server;
let address: { host: string; port: number };

beforeAll(async () => {
  // node:http with the suite server's head limit and request deadline, checked often enough that
  // its 408s come as soon as ours. Its handler answers 200 to whatever it parses.
  oracle = http.createServer(
    {
      maxHeaderSize: TEST_LIMITS.maxHeadBytes,
      requestTimeout: 400,
      headersTimeout: 400,
      connectionsCheckingInterval: 50,
    },
    (request, response) => {
      request.resume();
      request.on('end', () => response.end('ok'));
    },
  );
  await new Promise<void>((resolve) => oracle.listen(0, '127.0.0.1', resolve));
  address = { host: '127.0.0.1', port: (oracle.address() as net.AddressInfo).port };
});
afterAll(async () => {
  oracle.closeAllConnections();
  await new Promise((resolve) => oracle.close(resolve));
});

describe('node:http answers each malformed request as the table says', () => {
  it('every difference from node:http is explained', () => {
    for (const { name, expected, node } of MALFORMED) {
      if (node === undefined) continue;
      expect(node.status, `${name}: a "node" entry that agrees with ours`).not.toBe(expected);
      expect(node.why, name).toMatch(/RFC \d+ §|handler's verdict/);
    }
  });

  it.concurrent.each(MALFORMED)('$name', async ({ bytes, expected, fin = false, node }) => {
    // node:http keeps a connection it answered 200 open: wait up to 1.5 s, then read the status.
    const reply = await exchange(address, bytes, fin, 1_500).catch((error: Error) =>
      error.message.replace(/^.*; got /s, ''),
    );
    expect(statusOf(reply)).toBe(node?.status ?? expected);
  });
});
