import { once } from 'node:events';
import { createConnection, createServer, type Socket } from 'node:net';
import { netstat } from '@netprog/socket-core';
import { linuxOnly } from '@netprog/testbed/linux-only/tests';
import { afterEach, describe, expect, it } from 'vitest';
import { findConnection, type SocketEntry } from '../exercises/find-connection.ts';
import { closeServer, track, within } from './support.ts';

type Entry = SocketEntry & { id: string };
const entry = (
  id: string,
  state: string,
  local: readonly [string, number],
  remote: readonly [string, number],
): Entry => ({ id, state, local, remote });

// The notes' scene, plus a second client on the same server port and an unrelated socket.
const scene: Entry[] = [
  entry('listener', 'LISTEN', ['127.0.0.1', 7001], ['0.0.0.0', 0]),
  entry('firefox', 'ESTABLISHED', ['127.0.0.1', 50204], ['127.0.0.1', 7001]),
  entry('accepted-firefox', 'ESTABLISHED', ['127.0.0.1', 7001], ['127.0.0.1', 50204]),
  entry('curl', 'ESTABLISHED', ['127.0.0.1', 50310], ['127.0.0.1', 7001]),
  entry('accepted-curl', 'ESTABLISHED', ['127.0.0.1', 7001], ['127.0.0.1', 50310]),
  entry('old', 'TIME_WAIT', ['127.0.0.1', 7001], ['127.0.0.1', 49999]),
  entry('other', 'LISTEN', ['0.0.0.0', 8080], ['0.0.0.0', 0]),
];
const ids = (found: ReturnType<typeof findConnection<Entry>>) =>
  found === null
    ? null
    : { near: found.near.id, far: found.far.id, listener: found.listener?.id ?? null };

describe('findConnection on listed sockets', () => {
  it("finds the notes' connection from the client's end, for each of two clients", () => {
    expect(ids(findConnection(scene, ['127.0.0.1', 50204], ['127.0.0.1', 7001]))).toEqual({
      near: 'firefox',
      far: 'accepted-firefox',
      listener: 'listener',
    });
    // Both accepted sockets are on 127.0.0.1:7001: only the pair tells curl's from firefox's.
    expect(ids(findConnection(scene, ['127.0.0.1', 50310], ['127.0.0.1', 7001]))).toEqual({
      near: 'curl',
      far: 'accepted-curl',
      listener: 'listener',
    });
  });

  it("finds the same connection from the server's end, telling apart two clients on one port", () => {
    expect(ids(findConnection(scene, ['127.0.0.1', 7001], ['127.0.0.1', 50310]))).toEqual({
      near: 'accepted-curl',
      far: 'curl',
      listener: 'listener',
    });
  });

  it('returns null when either end is not listed (a peer on another machine)', () => {
    const remoteOnly = [entry('c', 'ESTABLISHED', ['127.0.0.1', 40000], ['203.0.113.7', 443])];
    expect(findConnection(remoteOnly, ['127.0.0.1', 40000], ['203.0.113.7', 443])).toBeNull();
    expect(findConnection(scene, ['127.0.0.1', 7001], ['127.0.0.1', 49999])).toBeNull();
    // The server's end is listed, firefox's own is not (say, it lives in another container).
    const serverEndOnly = scene.filter((e) => e.id !== 'firefox');
    expect(findConnection(serverEndOnly, ['127.0.0.1', 50204], ['127.0.0.1', 7001])).toBeNull();
  });

  it('finds a half-closed connection too: the pair matters, not the state', () => {
    // The client closed (FIN_WAIT2); the server has not yet (CLOSE_WAIT): the classic leak.
    const halfClosed: Entry[] = [
      entry('listener', 'LISTEN', ['127.0.0.1', 7001], ['0.0.0.0', 0]),
      entry('client', 'FIN_WAIT2', ['127.0.0.1', 50400], ['127.0.0.1', 7001]),
      entry('accepted', 'CLOSE_WAIT', ['127.0.0.1', 7001], ['127.0.0.1', 50400]),
    ];
    expect(ids(findConnection(halfClosed, ['127.0.0.1', 7001], ['127.0.0.1', 50400]))).toEqual({
      near: 'accepted',
      far: 'client',
      listener: 'listener',
    });
  });

  it('matches an IPv4 client with its ::ffff: mirror on a dual-stack listener', () => {
    // The client dialled 127.100.10.20 (Linux connects from 127.0.0.1 to any 127.x.y.z).
    const dual: Entry[] = [
      entry('listener', 'LISTEN', ['::', 9000], ['::', 0]),
      entry('client', 'ESTABLISHED', ['127.0.0.1', 41000], ['127.100.10.20', 9000]),
      entry('accepted', 'ESTABLISHED', ['::ffff:127.100.10.20', 9000], ['::ffff:127.0.0.1', 41000]),
    ];
    expect(ids(findConnection(dual, ['127.0.0.1', 41000], ['127.100.10.20', 9000]))).toEqual({
      near: 'client',
      far: 'accepted',
      listener: 'listener',
    });
    expect(
      ids(findConnection(dual, ['::ffff:127.100.10.20', 9000], ['::ffff:127.0.0.1', 41000])),
    ).toEqual({ near: 'accepted', far: 'client', listener: 'listener' });
  });

  it('picks the listener bound to the address the client dialled, not another one on the port', () => {
    // The same client port serves two connections: ports alone cannot tell them apart.
    const two: Entry[] = [
      entry('on-127.0.0.1', 'LISTEN', ['127.0.0.1', 9100], ['0.0.0.0', 0]),
      entry('on-127.0.0.2', 'LISTEN', ['127.0.0.2', 9100], ['0.0.0.0', 0]),
      entry('client-1', 'ESTABLISHED', ['127.0.0.1', 42000], ['127.0.0.1', 9100]),
      entry('accepted-1', 'ESTABLISHED', ['127.0.0.1', 9100], ['127.0.0.1', 42000]),
      entry('client-2', 'ESTABLISHED', ['127.0.0.1', 42000], ['127.0.0.2', 9100]),
      entry('accepted-2', 'ESTABLISHED', ['127.0.0.2', 9100], ['127.0.0.1', 42000]),
    ];
    expect(ids(findConnection(two, ['127.0.0.1', 42000], ['127.0.0.2', 9100]))).toEqual({
      near: 'client-2',
      far: 'accepted-2',
      listener: 'on-127.0.0.2',
    });
  });

  it('prefers the listener bound to the exact address over a wildcard one on the same port', () => {
    // Possible with SO_REUSEPORT; the kernel gives a SYN to the most specific listener.
    const both: Entry[] = [
      entry('wildcard', 'LISTEN', ['0.0.0.0', 9200], ['0.0.0.0', 0]),
      entry('exact', 'LISTEN', ['127.0.0.1', 9200], ['0.0.0.0', 0]),
      entry('client', 'ESTABLISHED', ['127.0.0.1', 43000], ['127.0.0.1', 9200]),
      entry('accepted', 'ESTABLISHED', ['127.0.0.1', 9200], ['127.0.0.1', 43000]),
    ];
    expect(ids(findConnection(both, ['127.0.0.1', 43000], ['127.0.0.1', 9200]))?.listener).toBe(
      'exact',
    );
  });

  it('knows 0.0.0.0 covers IPv4 only: an IPv6 connection belongs to the :: listener', () => {
    // Like nginx with `listen 80; listen [::]:80 ipv6only=on;`: one listener per family.
    const twoFamilies: Entry[] = [
      entry('ipv4', 'LISTEN', ['0.0.0.0', 9300], ['0.0.0.0', 0]),
      entry('ipv6', 'LISTEN', ['::', 9300], ['::', 0]),
      entry('client', 'ESTABLISHED', ['::1', 44000], ['::1', 9300]),
      entry('accepted', 'ESTABLISHED', ['::1', 9300], ['::1', 44000]),
      entry('client4', 'ESTABLISHED', ['127.0.0.1', 44100], ['127.0.0.1', 9300]),
      entry('accepted4', 'ESTABLISHED', ['127.0.0.1', 9300], ['127.0.0.1', 44100]),
    ];
    expect(ids(findConnection(twoFamilies, ['::1', 44000], ['::1', 9300]))).toEqual({
      near: 'client',
      far: 'accepted',
      listener: 'ipv6',
    });
    // ...and the IPv4 connection to the same port belongs to the 0.0.0.0 listener.
    expect(ids(findConnection(twoFamilies, ['127.0.0.1', 44100], ['127.0.0.1', 9300]))).toEqual({
      near: 'client4',
      far: 'accepted4',
      listener: 'ipv4',
    });
  });

  it('reports listener null when the listening socket is already closed', () => {
    // The listener on 127.0.0.1:7001 is gone; the one on 127.0.0.2:7001 never saw this client.
    const noListener = [
      ...scene.filter((e) => e.id !== 'listener'),
      entry('elsewhere', 'LISTEN', ['127.0.0.2', 7001], ['0.0.0.0', 0]),
    ];
    expect(ids(findConnection(noListener, ['127.0.0.1', 50204], ['127.0.0.1', 7001]))).toEqual({
      near: 'firefox',
      far: 'accepted-firefox',
      listener: null,
    });
  });
});

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function connectionTo(host: string): Promise<{ client: Socket; accepted: Socket }> {
  const server = createServer();
  const connections = track(server);
  cleanups.push(() => closeServer(server, connections));
  server.listen({ host, port: 0 });
  await within(once(server, 'listening'), 2_000, `listen on ${host}`);
  const client = createConnection({
    host: '127.0.0.1',
    port: (server.address() as { port: number }).port,
  });
  cleanups.push(() => void client.destroy());
  await within(once(client, 'connect'), 2_000, 'connect to 127.0.0.1');
  const accepted = await connections.from(client.localPort ?? 0);
  return { client, accepted };
}

const view = (s: Socket) =>
  [
    [s.localAddress ?? '', s.localPort ?? 0],
    [s.remoteAddress ?? '', s.remotePort ?? 0],
  ] as const;

const realSockets = linuxOnly('netstat() reads /proc/net');
realSockets.describe('findConnection on real sockets (netstat)', () => {
  it('finds the same connection from both ends of a real IPv4 connection', async () => {
    const { client, accepted } = await connectionTo('127.0.0.1');
    const entries = await netstat({ protocols: ['tcp', 'tcp6'] });
    const fromClient = findConnection(entries, ...view(client));
    const fromServer = findConnection(entries, ...view(accepted));
    expect(fromClient?.near.local).toEqual([client.localAddress, client.localPort]);
    expect(fromClient?.far.local).toEqual([accepted.localAddress, accepted.localPort]);
    expect(fromClient?.listener?.state).toBe('LISTEN');
    expect(fromServer?.near).toBe(fromClient?.far);
    expect(fromServer?.far).toBe(fromClient?.near);
    expect(fromServer?.listener).toBe(fromClient?.listener);
  });

  it('finds a real IPv4 client of a dual-stack listener, whose server end is ::ffff:', async () => {
    const { client, accepted } = await connectionTo('::');
    expect(accepted.localAddress).toBe('::ffff:127.0.0.1');
    const entries = await netstat({ protocols: ['tcp', 'tcp6'] });
    const found = findConnection(entries, ...view(client));
    expect(found?.far.local).toEqual(['::ffff:127.0.0.1', accepted.localPort]);
    expect(found?.listener?.local).toEqual(['::', accepted.localPort]);
  });
});
