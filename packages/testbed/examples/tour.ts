// Run: pnpm tsx packages/testbed/examples/tour.ts
// Two fixtures in action: an HTTP target that dribbles its answer, and a port that never answers.
import { once } from 'node:events';
import net from 'node:net';
import { listenBlackhole, listenHttp } from '@netprog/testbed';

// It takes no arguments: it starts its own targets. The one program that does not read its command
// line through @netprog/cli, because testbed sits below it (cli's own tests run under testbed's
// loopback guard), so the same one line and exit code 2 are written out here.
const [extra] = process.argv.slice(2);
if (extra !== undefined) {
  console.error(`tour.ts takes no arguments, got "${extra}"`);
  process.exit(2);
}

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
