import { once } from 'node:events';
import { createConnection, createServer, type Socket } from 'node:net';
import { netstat } from '@netprog/socket-core';
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
  it("finds the notes' connection from the client's end", () => {
    expect(ids(findConnection(scene, ['127.0.0.1', 50204], ['127.0.0.1', 7001]))).toEqual({
      near: 'firefox',
      far: 'accepted-firefox',
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

  it('returns null when the other end is not listed (a peer on another machine)', () => {
    const remoteOnly = [entry('c', 'ESTABLISHED', ['127.0.0.1', 40000], ['203.0.113.7', 443])];
    expect(findConnection(remoteOnly, ['127.0.0.1', 40000], ['203.0.113.7', 443])).toBeNull();
    expect(findConnection(scene, ['127.0.0.1', 7001], ['127.0.0.1', 49999])).toBeNull();
  });

  it('matches an IPv4 client with its ::ffff: mirror on a dual-stack listener', () => {
    const dual: Entry[] = [
      entry('listener', 'LISTEN', ['::', 9000], ['::', 0]),
      entry('client', 'ESTABLISHED', ['127.0.0.1', 41000], ['127.0.0.1', 9000]),
      entry('accepted', 'ESTABLISHED', ['::ffff:127.0.0.1', 9000], ['::ffff:127.0.0.1', 41000]),
    ];
    expect(ids(findConnection(dual, ['127.0.0.1', 41000], ['127.0.0.1', 9000]))).toEqual({
      near: 'client',
      far: 'accepted',
      listener: 'listener',
    });
    expect(
      ids(findConnection(dual, ['::ffff:127.0.0.1', 9000], ['::ffff:127.0.0.1', 41000])),
    ).toEqual({ near: 'accepted', far: 'client', listener: 'listener' });
  });

  it('picks the listener bound to the address the client dialled, not another one on the port', () => {
    const two: Entry[] = [
      entry('on-127.0.0.1', 'LISTEN', ['127.0.0.1', 9100], ['0.0.0.0', 0]),
      entry('on-127.0.0.2', 'LISTEN', ['127.0.0.2', 9100], ['0.0.0.0', 0]),
      entry('client', 'ESTABLISHED', ['127.0.0.1', 42000], ['127.0.0.2', 9100]),
      entry('accepted', 'ESTABLISHED', ['127.0.0.2', 9100], ['127.0.0.1', 42000]),
    ];
    expect(ids(findConnection(two, ['127.0.0.1', 42000], ['127.0.0.2', 9100]))?.listener).toBe(
      'on-127.0.0.2',
    );
  });

  it('reports listener null when the listening socket is already closed', () => {
    const noListener = scene.filter((e) => e.id !== 'listener');
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

describe.runIf(process.platform === 'linux')('findConnection on real sockets (netstat)', () => {
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
