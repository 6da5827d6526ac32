// Run: pnpm --filter @netprog/docs preview [--port 4173] [--host 127.0.0.1]
//
// Serves the built site (docs/.vitepress/dist) on this machine only, until Ctrl-C. This replaces
// `vitepress preview`, which VitePress 1.6 starts with `polka().listen(port)`: it never passes
// the host on, so even `--host 127.0.0.1` listens on every interface (0.0.0.0 and ::), and the
// course's drafts would be open to the whole network. Here the host must be a loopback address.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineCommand, runMain, UsageError } from '@netprog/cli';
import { isLoopback, serveStatic } from './static-server.ts';

const dist = fileURLToPath(new URL('../.vitepress/dist/', import.meta.url));
const command = defineCommand({
  name: 'preview',
  options: {
    port: { type: 'integer', min: 0, max: 65_535, default: 4173 },
    host: { type: 'string', default: '127.0.0.1' },
  },
});

runMain(async () => {
  const { port, host } = command.parse();
  if (!isLoopback(host)) {
    throw new UsageError(
      `--host ${host} is not a loopback address: the preview serves this machine only ` +
        '(127.0.0.1 or ::1). To publish the site, copy docs/.vitepress/dist to a web server.',
    );
  }
  if (!existsSync(dist)) {
    throw new UsageError('no built site in docs/.vitepress/dist: run `pnpm docs:build` first');
  }
  const site = await serveStatic(dist, { host, port }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE') {
      throw new UsageError(`port ${port} is taken: pass --port with another (0 picks a free one)`);
    }
    throw error;
  });
  console.log(`The built site is served at ${site.url}/ (this machine only). Ctrl-C stops it.`);
  // Ctrl-C (SIGINT), or a SIGTERM from whatever started the preview, closes the server.
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await site.close();
});
