// Serves files from a folder: GET and HEAD only, paths checked by resolveStaticPath, files capped
// in size so one request cannot make the server read a huge file into memory.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { errorResponse, type Response } from './response-writer.ts';
import type { Request } from './server.ts';
import { resolveStaticPath } from './static-path.ts';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/** Largest file the handler will send (it reads whole files into memory). */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;

/**
 * A request handler serving the files under `root`.
 *
 * @example
 * const server = await startServer({ handler: staticHandler('chapters/04-server/site') });
 */
export function staticHandler(root: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return {
        ...errorResponse(405, `${request.method} is not allowed here`),
        headers: { Allow: 'GET, HEAD' },
      };
    }
    const resolved = resolveStaticPath(root, request.target);
    if (!resolved.ok) return errorResponse(resolved.status, resolved.reason);
    let file = resolved.file;
    try {
      let info = await stat(file);
      if (info.isDirectory()) {
        file = path.join(file, 'index.html');
        info = await stat(file);
      }
      if (!info.isFile()) return errorResponse(404, `${request.target} is not a file`);
      if (info.size > MAX_FILE_BYTES)
        return errorResponse(500, `${request.target} is too large to serve`);
      const body = await readFile(file);
      const type = CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
      return { status: 200, headers: { 'Content-Type': type }, body };
    } catch {
      return errorResponse(404, `${request.target} not found`);
    }
  };
}
