// Run: pnpm tsx chapters/06-udp/examples/connected-udp.ts
//
// What connect() means for UDP: no packet is exchanged, but the socket now has a fixed peer.
// Send to a port where nothing is bound: the peer's kernel answers with ICMP "port unreachable".
// An unconnected socket never hears about it; a connected one gets ECONNREFUSED on its next call.
import dgram from 'node:dgram';
import { once } from 'node:events';
import { defineCommand } from '@netprog/cli';
import { SocketError, SocketTimeoutError, socket } from '@netprog/socket-core';
import { closedUdpPort, listenLossyUdp } from '@netprog/testbed';
import { runMain } from '../src/cli.ts';

// No arguments: it opens every socket it needs on loopback.
const command = defineCommand({ name: 'connected-udp.ts' });

runMain(async () => {
  command.parse();
  await using closed = await closedUdpPort();
  const target = closed.address;
  console.log(`nothing is bound to UDP ${target[0]}:${target[1]}\n`);

  // #region unconnected
  {
    await using s = socket('AF_INET', 'SOCK_DGRAM');
    s.settimeout(200);
    const sent = await s.sendto('hello', target);
    console.log(`unconnected: sendto(b'hello') -> ${sent} bytes "sent"`);
    try {
      await s.recvfrom(1_024);
    } catch (error) {
      if (!(error instanceof SocketTimeoutError)) throw error;
      console.log(
        'unconnected: recvfrom(1024) -> timed out after 200 ms; the ICMP error was never reported',
      );
    }
  }
  // #endregion unconnected

  // #region connected
  {
    await using s = socket('AF_INET', 'SOCK_DGRAM');
    s.settimeout(200);
    await s.connect(target);
    console.log(`\nconnected:   connect() -> ok, and nothing was sent: ${s}`);
    console.log(`connected:   send(b'hello') -> ${await s.send('hello')} bytes "sent"`);
    try {
      await s.recv(1_024);
    } catch (error) {
      if (!(error instanceof SocketError)) throw error;
      console.log(
        `connected:   recv(1024) -> ${error.code} (errno ${error.errno}), reported by ${error.syscall}()`,
      );
    }
  }
  // #endregion connected

  // #region plain-node
  {
    const s = dgram.createSocket('udp4');
    s.connect(target[1], target[0]);
    await once(s, 'connect');
    s.send('hello');
    // The kernel's ICMP answer comes at once on loopback; the signal bounds the wait anyway.
    const [error] = (await once(s, 'error', { signal: AbortSignal.timeout(2_000) })) as [
      NodeJS.ErrnoException,
    ];
    console.log(
      `\nplain Node:  a connected dgram socket emits 'error': ${error.code} (syscall ${error.syscall})`,
    );
    s.close();
  }
  // #endregion plain-node

  // #region filter
  {
    await using echo = await listenLossyUdp({ seed: 1 }); // an echo server that loses nothing
    await using stranger = socket('AF_INET', 'SOCK_DGRAM');
    await using s = socket('AF_INET', 'SOCK_DGRAM');
    s.settimeout(200);
    await s.connect(echo.address);
    await stranger.sendto('from a stranger', s.getsockname());
    await s.send('from the peer');
    console.log(
      `\nconnected to the echo server: recv(1024) -> b'${(await s.recv(1_024)).toString()}'`,
    );
    try {
      await s.recv(1_024);
    } catch (error) {
      if (!(error instanceof SocketTimeoutError)) throw error;
      console.log(
        "the stranger's datagram never arrives: the kernel drops what is not from the peer",
      );
    }
  }
  // #endregion filter
});
