// Run: pnpm tsx chapters/06-udp/examples/datagram-size.ts
//
// How big a datagram can be, and what happens to one that is bigger than the buffer you read it
// into: sendto() refuses more than 65,507 bytes over IPv4 (EMSGSIZE), and recvfrom(bufsize)
// silently throws away whatever does not fit.
import dgram from 'node:dgram';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { SocketError, udpSocket } from '@netprog/socket-core';
import { runMain } from '../src/cli.ts';

runMain(async () => {
  const mtu = await readFile('/sys/class/net/lo/mtu', 'utf8').then(
    (text) => text.trim(),
    () => 'unknown (no /sys/class/net/lo here)',
  );
  console.log(
    `loopback MTU: ${mtu} bytes; Ethernet's is 1500, so 1472 bytes of UDP payload per IPv4 packet`,
  );

  await using server = udpSocket();
  await server.bind(['127.0.0.1', 0]);
  server.settimeout(2_000);
  await using client = udpSocket();
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
  // Plain Node has no bufsize: it reads every datagram whole and hands it to 'message'.
  const node = dgram.createSocket('udp4');
  node.bind(0, '127.0.0.1');
  await once(node, 'listening');
  await client.sendto(Buffer.alloc(100, 0x64), ['127.0.0.1', node.address().port]);
  const [whole] = (await once(node, 'message')) as [Buffer];
  console.log(
    `\nplain Node: the 'message' event got all ${whole.length} bytes; there is no bufsize to get wrong`,
  );
  node.close();
  // #endregion plain-node
});
