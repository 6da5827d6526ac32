// Run: pnpm tsx chapters/02-socket-lifecycle/examples/lifecycle.ts
//
// The socket lifecycle one call at a time: the server's socket -> bind -> listen -> accept and
// the client's socket -> connect, then close. After every call it prints what the program sees
// (the socket's repr, like Python's) and what the kernel sees (its /proc/net entry, via netstat()).
// Linux only (the kernel's side is read from /proc/net): elsewhere it says so in one line and
// exits 0. Everything runs on 127.0.0.1.

import { defineCommand, parseOrExit } from '@netprog/cli';
import {
  acceptFrom,
  formatNetstat,
  type NetstatEntry,
  netstat,
  type Socket,
  socket,
} from '@netprog/socket-core';
import { exitUnlessLinux } from '@netprog/testbed/linux-only';
import { describeEntry, kernelView, waitForEntry } from '../src/kernel-view.ts';

// No arguments: it starts every server it needs on loopback.
parseOrExit(defineCommand({ name: 'lifecycle.ts' }));
exitUnlessLinux('lifecycle.ts', "the kernel's view of each socket is read from /proc/net");

/** getpeername(), or the error code it throws (ENOTCONN for a socket with no peer). */
function peerOf(sock: Socket): string {
  try {
    const [host, port] = sock.getpeername();
    return `('${host}', ${port})`;
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

async function show(call: string, sock: Socket, note = ''): Promise<void> {
  console.log(call + (note === '' ? '' : `    # ${note}`));
  console.log(`  program: ${String(sock)}  getpeername() -> ${peerOf(sock)}`);
  console.log(`  kernel:  ${await kernelView(sock.fd)}`);
}

// #region steps
console.log('--- server ---');
const server = socket();
await show('server = socket()', server, 'Node makes no OS socket yet');
await server.bind(['127.0.0.1', 0]);
await show(
  "await server.bind(['127.0.0.1', 0])",
  server,
  'recorded only: Node binds inside listen()',
);
await server.listen();
const serverAddress = server.getsockname();
await show('await server.listen()', server, 'bind + listen happen here; port 0 became a real port');

console.log('--- client ---');
const client = socket();
await show('client = socket()', client);
await client.connect(serverAddress);
await show(
  `await client.connect(['${serverAddress[0]}', ${serverAddress[1]}])`,
  client,
  'the kernel chose the client port',
);

console.log('--- accept ---');
const clientPort = client.getsockname()[1];
// An open port accepts anyone: a port scanner running on this machine (chapter 3's tests run
// one) may connect first. acceptFrom keeps accepting until the connection from our client arrives.
const [conn, peer] = await acceptFrom(server, client.getsockname());
console.log(`[conn, addr] = await server.accept()    # addr = ('${peer[0]}', ${peer[1]})`);
await show('conn', conn, "a NEW socket: the client's mirror image");
await show('server', server, 'unchanged: it only produces connected sockets');
// #endregion steps

console.log('--- the three sockets, as netstat() sees them ---');
const port = serverAddress[1];
// Only this connection's sockets (strangers' connections to the port are left out), in the notes'
// order: the listener, the client's socket, the server's accepted socket.
const role = (e: NetstatEntry) => (e.state === 'LISTEN' ? 0 : e.local[1] === clientPort ? 1 : 2);
const ofThisConnection = (e: NetstatEntry) =>
  (e.state === 'LISTEN' && e.local[1] === port) ||
  (e.local[1] === clientPort && e.remote[1] === port) ||
  (e.local[1] === port && e.remote[1] === clientPort);
const ours = (await netstat({ protocols: ['tcp'] }))
  .filter(ofThisConnection)
  .sort((a, b) => role(a) - role(b));
// Leave out PID/Program: all three belong to this process.
console.log(formatNetstat(ours.map(({ pid, command, fd, ...entry }) => entry)));

// #region close
console.log('--- close: the client closes first ---');
await client.close();
console.log(`await client.close()  -> ${String(client)}`);
await conn.close();
console.log(`await conn.close()    -> ${String(conn)}`);
const timeWait = await waitForEntry(
  (e) => e.state === 'TIME_WAIT' && e.local[1] === clientPort && e.remote[1] === port,
  { all: true, protocols: ['tcp'] },
);
console.log(`kernel: ${describeEntry(timeWait)}  (inode ${timeWait.inode}: no process holds it)`);
await server.close();
console.log(`await server.close()  -> ${String(server)}`);
const left = (await netstat({ all: true, protocols: ['tcp'] })).filter(ofThisConnection);
console.log(`left in the kernel: ${left.map(describeEntry).join(', ')}`);
console.log('(the side that closed first keeps TIME_WAIT for 60 s, so late packets of this');
console.log(' connection cannot be mistaken for a new one on the same ports)');
// #endregion close
