// Serves files from a folder: GET and HEAD only, paths checked by resolveStaticPath and then, on
// disk, by realpath (a symbolic link must not lead out of the folder). Files are not read into
// memory: the handler opens the file, and the server sends it a chunk at a time with backpressure
// (send-body.ts), so its size does not matter, and a client that does not read costs one chunk.
import { type FileHandle, open, realpath } from 'node:fs/promises';
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

/**
 * A request handler serving the files under `root`.
 *
 * @example
 * const server = await startServer({ handler: staticHandler('chapters/04-server/site') });
 */
export function staticHandler(root: string): (request: Request) => Promise<Response> {
  // The root's own real path, found once: every file's real path must lie under it.
  let realRoot: Promise<string> | undefined;
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return {
        ...errorResponse(405, `${request.method} is not allowed here`),
        headers: { Allow: 'GET, HEAD' },
      };
    }
    const resolved = resolveStaticPath(root, request.target);
    if (!resolved.ok) return errorResponse(resolved.status, resolved.reason);
    realRoot ??= realpath(root);
    let opened: Opened;
    try {
      opened = await openInside(await realRoot, resolved.file);
    } catch {
      return errorResponse(404, `${request.target} not found`);
    }
    if (opened === 'outside') {
      return errorResponse(
        403,
        `${request.target} leads outside the site folder (a symbolic link)`,
      );
    }
    if (opened === 'not-a-file') {
      return errorResponse(404, `${request.target} is not a file`);
    }
    const { handle, file, size } = opened;
    const type = CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    if (size === 0) {
      await handle.close();
      return { status: 200, headers: { 'Content-Type': type }, body: '' };
    }
    // The server closes the file when it is done with it, whatever happens to the connection.
    return { status: 200, headers: { 'Content-Type': type }, body: { file: handle, length: size } };
  };
}

type Opened =
  | { readonly handle: FileHandle; readonly file: string; readonly size: number }
  | 'outside'
  | 'not-a-file';

/**
 * Opens `file` (or its index.html, for a folder) if its real path, with every symbolic link
 * followed, is under `realRoot`. The file is opened by that real path and its size read from the
 * open file, so what is sent is what was checked, and Content-Length matches it. Throws when the
 * file does not exist.
 */
async function openInside(realRoot: string, file: string): Promise<Opened> {
  let real = await realpath(file);
  if (!isInside(realRoot, real)) return 'outside';
  let handle = await open(real, 'r');
  let info = await handle.stat();
  if (info.isDirectory()) {
    await handle.close();
    real = await realpath(path.join(real, 'index.html'));
    if (!isInside(realRoot, real)) return 'outside';
    handle = await open(real, 'r');
    info = await handle.stat();
  }
  if (!info.isFile()) {
    await handle.close();
    return 'not-a-file';
  }
  return { handle, file: real, size: info.size };
}

const isInside = (root: string, file: string) =>
  file === root || file.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
