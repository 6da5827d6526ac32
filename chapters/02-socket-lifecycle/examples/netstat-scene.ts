// Run: pnpm tsx chapters/02-socket-lifecycle/examples/netstat-scene.ts
//
// The notes' netstat scene, reproduced on Linux: a server (this process) listens on 127.0.0.1,
// a client in ANOTHER process (the notes used Firefox) connects, and the kernel shows three
// sockets on the server's port: the LISTEN socket, the client's ESTABLISHED socket, and the
// server's accepted ESTABLISHED socket, the client's mirror image. Then `ss -tanp` says the same.
// Linux only: elsewhere it says so in one line and exits 0.

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { defineCommand, parseOrExit } from '@netprog/cli';
import {
  acceptFrom,
  createServer,
  formatNetstat,
  formatNetstatEndpoint,
  type NetstatEntry,
  netstat,
} from '@netprog/socket-core';
import { exitUnlessLinux } from '@netprog/testbed/linux-only';
import { runSs } from '../src/run-ss.ts';

// No arguments: it starts every server it needs on loopback.
parseOrExit(defineCommand({ name: 'netstat-scene.ts' }));
exitUnlessLinux('netstat-scene.ts', "netstat() reads /proc/net, and ss is Linux's iproute2");

// #region scene
const server = await createServer(['127.0.0.1', 0]);
const [host, port] = server.getsockname();
console.log(`server (pid ${process.pid}) listening on ('${host}', ${port})`);

// The client: a separate Node process, so the table shows two different owners, as in the notes.
const clientCode = `
  const s = require('node:net').connect(${port}, '${host}', () => console.log(s.localPort));
  s.on('error', (e) => { console.error(e.message); process.exit(1); });
  process.stdin.resume();
  process.stdin.on('end', () => { s.destroy(); process.stdin.destroy(); });`;
const child = spawn(process.execPath, ['-e', clientCode], { stdio: ['pipe', 'pipe', 'inherit'] });
const killTimer = setTimeout(() => child.kill(), 10_000);
const [firstLine] = (await once(child.stdout, 'data')) as [Buffer];
const clientPort = Number(firstLine.toString().trim());
console.log(`client (pid ${child.pid}) connected from ('127.0.0.1', ${clientPort})`);
// Strangers may connect too (a port scanner on this machine): accept the child's connection.
const [conn] = await acceptFrom(server, ['127.0.0.1', clientPort]);
console.log(`server accepted: ${String(conn)}`);

// The listener and both ends of this connection, whoever holds them: all: true reads every
// process's fds. (Other connections to the port, say from a port scanner, are left out.)
const onPort = (e: Pick<NetstatEntry, 'state' | 'local' | 'remote'>) =>
  (e.state === 'LISTEN' && e.local[1] === port) ||
  (e.local[1] === clientPort && e.remote[1] === port) ||
  (e.local[1] === port && e.remote[1] === clientPort);
const role = (e: Pick<NetstatEntry, 'state' | 'local'>) =>
  e.state === 'LISTEN' ? 0 : e.local[1] === clientPort ? 1 : 2;
const scene = (await netstat({ all: true, protocols: ['tcp'] }))
  .filter(onPort)
  .sort((a, b) => role(a) - role(b));
console.log('\nnetstat({ all: true }), the listener and this connection:');
console.log(formatNetstat(scene));
// #endregion scene

const rows = await runSs(['-tanp']);
if (rows === null) {
  console.log('\n(ss is not available here: on Linux it comes with iproute2)');
} else {
  console.log('\nthe same sockets according to `ss -tanp`:');
  for (const row of rows.filter(onPort).sort((a, b) => role(a) - role(b))) {
    const users = row.users.map((u) => `${u.command},pid=${u.pid},fd=${u.fd}`).join(' ');
    console.log(
      `${row.ssState.padEnd(7)} ${formatNetstatEndpoint(row.local).padEnd(16)} ${formatNetstatEndpoint(row.remote).padEnd(16)} ${users}`,
    );
  }
}

child.stdin.end();
await once(child, 'exit');
clearTimeout(killTimer);
await conn.close();
await server.close();
