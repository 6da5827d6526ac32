// acceptFrom: a server that waits for its own client must not take a stranger's connection for
// it, and must not wait for ever when that client never comes.
import { once } from 'node:events';
import net from 'node:net';
import { linuxOnly } from '@netprog/testbed/linux-only/tests';
import { within } from '@netprog/testbed/timing';
import { describe, expect, it } from 'vitest';
import { acceptFrom, createServer, SocketTimeoutError, socket } from '../src/index.ts';
import { checkLeaksAfterEachTest } from './support/leaks.ts';

checkLeaksAfterEachTest();

describe('acceptFrom', () => {
  it("skips a stranger's connection (closing it) and returns the expected client's", async () => {
    await using server = await createServer(['127.0.0.1', 0]);
    const address = server.getsockname();
    // The stranger connects first, as a port scanner might.
    const stranger = net.connect({ host: address[0], port: address[1] });
    await within(once(stranger, 'connect'), 2_000, "the stranger's connect");
    const closedByServer = once(stranger, 'close');
    stranger.resume(); // read, so the server's FIN is seen
    await using client = socket();
    client.settimeout(2_000);
    await client.connect(address);
    server.settimeout(2_000);
    const [conn, peer] = await acceptFrom(server, client.getsockname());
    await using _conn = conn;
    expect(peer).toEqual(client.getsockname());
    expect(conn.getpeername()).toEqual(client.getsockname());
    await within(closedByServer, 2_000, "the server's close of the stranger's connection");
    expect(server.gettimeout()).toBe(2_000);
  });

  it('gives up after timeoutMs when the client never arrives, and restores no timeout', async () => {
    await using server = await createServer(['127.0.0.1', 0]);
    const started = performance.now();
    await expect(acceptFrom(server, ['127.0.0.1', 1], 200)).rejects.toBeInstanceOf(
      SocketTimeoutError,
    );
    expect(performance.now() - started).toBeGreaterThanOrEqual(200 * 0.8);
    expect(server.gettimeout()).toBeNull();
  });

  // Binding the IPv4-mapped loopback needs IPV6_V6ONLY off, which Linux allows (see create.test.ts).
  linuxOnly('an AF_INET6 socket binds the IPv4-mapped loopback ::ffff:127.0.0.1').it(
    'finds an IPv4 client on a dual-stack listener, where accept() names it ::ffff:127.0.0.1',
    async () => {
      await using server = await createServer(['::ffff:127.0.0.1', 0], {
        family: 'AF_INET6',
        dualstackIpv6: true,
      });
      server.settimeout(2_000);
      await using client = socket();
      client.settimeout(2_000);
      await client.connect(['127.0.0.1', server.getsockname()[1]]);
      const [conn, peer] = await acceptFrom(server, client.getsockname());
      await using _conn = conn;
      expect(peer).toEqual(['::ffff:127.0.0.1', client.getsockname()[1]]);
    },
  );
});
