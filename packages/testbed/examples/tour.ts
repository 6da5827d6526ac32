// Run: pnpm tsx packages/testbed/examples/tour.ts
// Two fixtures in action: an HTTP target that dribbles its answer, and a port that never answers.
import { once } from 'node:events';
import net from 'node:net';
import { defineCommand, parseOrExit } from '@netprog/cli';
import { listenBlackhole, listenHttp } from '@netprog/testbed';

parseOrExit(defineCommand({ name: 'tour.ts' })); // it takes no arguments: it starts its own targets

{
  await using target = await listenHttp({ body: 'hello', dribble: true });
  const response = await fetch(target.url, { signal: AbortSignal.timeout(2_000) });
  console.log(response.status, await response.text()); // 200 hello (sent one byte at a time)
  console.log(target.requests[0]?.headers['user-agent']); // node
}
{
  await using hole = await listenBlackhole();
  const socket = net.connect({ host: hole.host, port: hole.port, timeout: 300 });
  await once(socket, 'timeout');
  console.log('connect timed out after 300 ms, as it would against a firewalled port');
  socket.destroy();
}
