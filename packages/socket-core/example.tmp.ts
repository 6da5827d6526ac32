import { createConnection, createServer } from '@netprog/socket-core';

// A listening socket on a port the kernel picks (socket + bind + listen), and a client.
await using server = await createServer(['127.0.0.1', 0]);
await using client = await createConnection(server.getsockname(), 2_000);
const [conn, peer] = await server.accept(); // the server side of the new connection
await using _conn = conn;

await client.sendAll('hello');
const request = await conn.recv(1024); // at most 1024 bytes: whatever has arrived
await conn.sendAll(request); // echo it back
console.log(String(client));
console.log(`echoed ${(await client.recv(1024)).toString()} to ${peer.join(':')}`);
