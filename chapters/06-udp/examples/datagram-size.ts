// Run: pnpm tsx chapters/06-udp/examples/datagram-size.ts
//
// How big a datagram can be, and what happens to one that is bigger than a receive buffer:
// sendto() refuses more than 65,507 bytes over IPv4 (EMSGSIZE); recvfrom(bufsize) silently throws
// away whatever does not fit in YOUR buffer, while plain Node never cuts; and a datagram bigger
// than the KERNEL's receive buffer (SO_RCVBUF) arrives only if nothing else is waiting there.
import dgram from 'node:dgram';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { defineCommand } from '@netprog/cli';
import { SocketError, socket } from '@netprog/socket-core';
import { runMain } from '../src/cli.ts';

// No arguments: it opens every socket it needs on loopback.
const command = defineCommand({ name: 'datagram-size.ts' });

runMain(async () => {
  command.parse();
  const mtu = await readFile('/sys/class/net/lo/mtu', 'utf8').then(
    (text) => text.trim(),
    () => 'unknown (no /sys/class/net/lo here)',
  );
  console.log(
    `loopback MTU: ${mtu} bytes; Ethernet's is 1500, so 1472 bytes of UDP payload per IPv4 packet`,
  );

  await using server = socket('AF_INET', 'SOCK_DGRAM');
  await server.bind(['127.0.0.1', 0]);
  server.settimeout(2_000);
  await using client = socket('AF_INET', 'SOCK_DGRAM');
  const to = server.getsockname();

  // #region emsgsize
  // An IPv4 packet is at most 65,535 bytes: minus 20 for the IP header and 8 for UDP's.
  for (const size of [65_507, 65_508]) {
    try {
      const sent = await client.sendto(Buffer.alloc(size, 0x61), to);
      const [data] = await server.recvfrom(65_536);
      console.log(`sendto(${size} bytes) -> sent ${sent}; recvfrom(65536) got all ${data.length}`);
    } catch (error) {
      if (!(error instanceof SocketError)) throw error;
      console.log(
        `sendto(${size} bytes) -> ${error.code} (errno ${error.errno}): nothing was sent`,
      );
    }
  }
  // #endregion emsgsize

  // #region truncation
  await client.sendto(Buffer.alloc(100, 0x62), to);
  await client.sendto('next', to);
  const [cut] = await server.recvfrom(16);
  console.log(
    `\nsent 100 bytes; recvfrom(16) -> ${cut.length} bytes. The other 84 are gone for good:`,
  );
  const [next] = await server.recvfrom(1_024);
  console.log(`  the next recvfrom(1024) -> b'${next.toString()}', the NEXT datagram`);
  await client.sendto(Buffer.alloc(100, 0x63), to);
  const { data, truncated, size } = await server.recvmsg(16);
  console.log(`  recvmsg(16) says so: ${data.length} bytes, truncated=${truncated}, size=${size}`);
  // #endregion truncation

  // #region plain-node
  // Plain Node has no bufsize: it reads each datagram into a 64 KiB buffer, bigger than any
  // datagram can be, and hands it to 'message' whole. Even the largest one.
  {
    const node = dgram.createSocket('udp4');
    node.bind(0, '127.0.0.1');
    await once(node, 'listening', bounded());
    await client.sendto(Buffer.alloc(65_507, 0x64), ['127.0.0.1', node.address().port]);
    const [whole] = (await once(node, 'message', bounded())) as [Buffer];
    console.log(
      `\nplain Node: the 'message' event got all ${whole.length} bytes; there is no bufsize to get wrong`,
    );
    node.close();
  }
  // #endregion plain-node

  // #region rcvbuf
  // The kernel's own receive buffer (SO_RCVBUF) is another limit. Ask for a tiny one: Linux
  // raises it to its minimum. Then send three datagrams, each bigger than that whole buffer,
  // in one go, so that the receiver (this same thread) cannot read before all three are there.
  {
    const receiver = dgram.createSocket({ type: 'udp4', recvBufferSize: 1 });
    const arrived: number[] = [];
    receiver.on('message', (message) => arrived.push(message.length));
    receiver.bind(0, '127.0.0.1');
    await once(receiver, 'listening', bounded());
    const port = receiver.address().port;
    const sender = dgram.createSocket('udp4');
    for (let i = 0; i < 3; i++) sender.send(Buffer.alloc(20_000, 0x65), port, '127.0.0.1');
    await once(receiver, 'message', bounded());
    // The queue is empty again, so a small marker fits; UDP on loopback keeps the order, so a
    // big datagram that was still coming would have come before it.
    sender.send('end', port, '127.0.0.1');
    while (arrived.at(-1) !== 3) await once(receiver, 'message', bounded());
    const big = arrived.filter((length) => length === 20_000).length;
    console.log(
      `\nSO_RCVBUF ${receiver.getRecvBufferSize()} bytes (asked for 1), three 20000-byte datagrams ` +
        `sent at once: ${big} arrived, ${3 - big} dropped by the kernel; the sender was not told`,
    );
    sender.close();
    receiver.close();
  }
  // #endregion rcvbuf
});

/** Loopback answers in microseconds; two seconds only guard against a wedged machine. */
function bounded(): { signal: AbortSignal } {
  return { signal: AbortSignal.timeout(2_000) };
}
