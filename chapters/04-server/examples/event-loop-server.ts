// Run: pnpm tsx chapters/04-server/examples/event-loop-server.ts [--port N] [--demo]
//
// Concurrency model 1: one process, one thread, one event loop for every connection. This is
// Node's own model (and what the notes call select(): the kernel reports which sockets are
// ready, and one loop serves them all). It needs no locks and scales to many idle connections.
// Its weakness: while a handler computes, nothing else runs. Here /primes computes in the
// handler, so a /hello that arrives meanwhile waits for it.
// With --demo it runs the experiment of src/models/demo.ts against itself and exits.
import { defineCommand } from '@netprog/cli';
import { demoModel } from '../src/models/demo.ts';
import { countPrimesBelow } from '../src/models/primes.mjs';
import { modelRoutes } from '../src/models/routes.ts';
import { startServer } from '../src/server.ts';
import { DEMO_OPTION, PORT_OPTION, runCli } from '../src/server-options.ts';

const command = defineCommand({
  name: 'event-loop-server.ts',
  options: { port: PORT_OPTION, demo: DEMO_OPTION },
});

await runCli(async () => {
  const args = command.parse();
  // #region event-loop
  const server = await startServer({
    port: args.port,
    // The computation runs right here, on the thread that also serves every other connection.
    handler: modelRoutes((below) => ({
      count: countPrimesBelow(below),
      by: `process ${process.pid}`,
    })),
  });
  // #endregion event-loop
  console.log(`event-loop server (1 process, 1 thread) listening at ${server.url}`);
  if (!args.demo) {
    process.once('SIGINT', () => void server.close());
    process.once('SIGTERM', () => void server.close());
    return;
  }
  await demoModel(server.url);
  await server.close();
});
