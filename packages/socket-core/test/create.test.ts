// createConnection and createServer, Python's create_connection and create_server.
import os from 'node:os';
import { closedPort, listenBlackhole } from '@netprog/testbed';
import { linuxOnly } from '@netprog/testbed/linux-only/tests';
import { afterEach, describe, expect, it } from 'vitest';
import {
  acceptFrom,
  createConnection,
  createServer,
  reusePortSupport,
  type Socket,
  SocketTimeoutError,
  setdefaulttimeout,
  UnsupportedError,
} from '../src/index.ts';
import { checkLeaksAfterEachTest } from './support/leaks.ts';

checkLeaksAfterEachTest();
afterEach(() => {
  setdefaulttimeout(null);
});

const hasIpv6Loopback = Object.values(os.networkInterfaces()).some((addresses) =>
  addresses?.some((address) => address.address === '::1'),
);

describe('createServer + createConnection', () => {
  it('echo round trip, and `await using` closes both', async () => {
    let outside: Socket[] = [];
    {
      await using server = await createServer(['127.0.0.1', 0], { backlog: 4 });
      server.settimeout(2_000);
      await using client = await createConnection(server.getsockname(), 2_000);
      const [conn] = await acceptFrom(server, client.getsockname());
      await using _conn = conn;
      conn.settimeout(2_000);
      await client.sendAll('ping');
      await conn.sendAll(await conn.recv(1024));
      expect((await client.recv(1024)).toString()).toBe('ping');
      outside = [server, client, conn];
    }
    expect(outside.map((s) => s.state)).toEqual(['closed', 'closed', 'closed']);
  });

  it('createConnection keeps the timeout on the socket, or uses the default when left out', async () => {
    await using server = await createServer(['127.0.0.1', 0]);
    await using withLimit = await createConnection(server.getsockname(), 1_234);
    expect(withLimit.gettimeout()).toBe(1_234);
    setdefaulttimeout(777);
    await using withDefault = await createConnection(server.getsockname());
    expect(withDefault.gettimeout()).toBe(777);
    await using blocking = await createConnection(server.getsockname(), null);
    expect(blocking.gettimeout()).toBeNull();
  });

  it('createConnection binds sourceAddress first', async () => {
    await using server = await createServer(['127.0.0.1', 0]);
    server.settimeout(2_000);
    await using client = await createConnection(server.getsockname(), 2_000, ['127.0.0.1', 0]);
    const [conn, peer] = await acceptFrom(server, client.getsockname());
    await using _conn = conn;
    expect(peer).toEqual(client.getsockname());
  });

  it("createConnection tries every address a name resolves to ('localhost')", async () => {
    await using server = await createServer(['127.0.0.1', 0]);
    await using client = await createConnection(['localhost', server.getsockname()[1]], 2_000);
    expect(client.getpeername()).toEqual(server.getsockname());
  });

  it('createConnection rejects with the connect error: refused, or timed out', async () => {
    const closed = await closedPort();
    await expect(createConnection(closed.address, 2_000)).rejects.toMatchObject({
      code: 'ECONNREFUSED',
      port: closed.port,
    });
    await using hole = await listenBlackhole();
    await expect(createConnection(hole.address, 200)).rejects.toBeInstanceOf(SocketTimeoutError);
  });

  it('createServer with reusePort says plainly when Node cannot do it', async () => {
    const support = reusePortSupport();
    if (support.supported) {
      await using a = await createServer(['127.0.0.1', 0], { reusePort: true });
      await using b = await createServer(a.getsockname(), { reusePort: true });
      expect(b.getsockname()).toEqual(a.getsockname());
    } else {
      await expect(createServer(['127.0.0.1', 0], { reusePort: true })).rejects.toThrow(
        UnsupportedError,
      );
    }
  });

  it('dualstackIpv6 needs AF_INET6, as in Python', async () => {
    await expect(createServer(['127.0.0.1', 0], { dualstackIpv6: true })).rejects.toThrow(
      /dualstackIpv6 needs family: 'AF_INET6'/,
    );
  });

  // Dual stack without leaving loopback: an AF_INET6 socket may bind the IPv4-mapped loopback
  // address only when IPV6_V6ONLY is off (Linux refuses it with EINVAL otherwise).
  linuxOnly('an AF_INET6 socket binds the IPv4-mapped loopback ::ffff:127.0.0.1').it(
    'dualstackIpv6: an AF_INET6 server takes IPv4 clients, which appear as ::ffff:127.0.0.1',
    async () => {
      await using server = await createServer(['::ffff:127.0.0.1', 0], {
        family: 'AF_INET6',
        dualstackIpv6: true,
      });
      server.settimeout(2_000);
      await using client = await createConnection(['127.0.0.1', server.getsockname()[1]], 2_000);
      expect(client.family).toBe('AF_INET');
      const [conn, peer] = await acceptFrom(server, [
        `::ffff:${client.getsockname()[0]}`,
        client.getsockname()[1],
      ]);
      await using _conn = conn;
      expect(peer[0]).toBe('::ffff:127.0.0.1');
      const ipv6Only = createServer(['::ffff:127.0.0.1', 0], { family: 'AF_INET6' });
      await expect(ipv6Only).rejects.toMatchObject({ code: 'EINVAL', syscall: 'listen' });
    },
  );

  it.runIf(hasIpv6Loopback)('an AF_INET6 server on ::1 talks to an IPv6 client', async () => {
    await using server = await createServer(['::1', 0], { family: 'AF_INET6' });
    server.settimeout(2_000);
    expect(String(server)).toMatch(/family=AF_INET6 .*laddr=\('::1', \d+\)/);
    await using client = await createConnection(server.getsockname(), 2_000);
    const [conn, peer] = await acceptFrom(server, client.getsockname());
    await using _conn = conn;
    expect(peer[0]).toBe('::1');
    expect(client.family).toBe('AF_INET6');
  });
});
