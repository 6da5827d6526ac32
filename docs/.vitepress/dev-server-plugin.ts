// The part of a Vite plugin the site's own plugins use: a dev-server hook that adds middleware,
// and the hooks to resolve an import. Typed here rather than imported: docs/ resolves `vite` to
// the workspace's Vite 8, while VitePress 1.6 runs its own Vite 5.
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface DevServerPlugin {
  name: string;
  enforce?: 'pre' | 'post';
  resolveId?(source: string): string | undefined;
  configureServer(server: {
    middlewares: {
      use(
        path: string,
        handler: (request: IncomingMessage, response: ServerResponse, next: () => void) => void,
      ): unknown;
    };
  }): void;
}
