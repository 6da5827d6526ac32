// Maps a request target to a file under the site root, refusing every way out of it. The check is
// done twice on purpose: first on the raw bytes (encoded tricks), then on the final absolute path
// (whatever we missed), because path traversal is the classic static-server hole.
import path from 'node:path';

/** Where a target points: a file path under the root, or the status to refuse it with. */
export type StaticPath =
  | { readonly ok: true; readonly file: string }
  | { readonly ok: false; readonly status: 400 | 403; readonly reason: string };

/**
 * Resolves a request target (`/docs/a.html?x=1`, or `http://host/docs/a.html`) to an absolute
 * file under `root`.
 * Refuses `..` segments, encoded dots and slashes (`%2e%2e`, `%2f`, `%5c`), backslashes and NUL.
 * A target ending in `/` means its `index.html`.
 *
 * @example
 * resolveStaticPath('/srv/site', '/a/b.txt')        // { ok: true, file: '/srv/site/a/b.txt' }
 * resolveStaticPath('/srv/site', '/%2e%2e/etc/passwd') // { ok: false, status: 403, ... }
 */
export function resolveStaticPath(root: string, target: string): StaticPath {
  // A target in absolute-form (http://host/path), which clients send to proxies, must be accepted
  // by a server too (RFC 9112 §3.2.2): only its path matters to a server of one site.
  const absolute = /^https?:\/\/[^/?#]*/i.exec(target);
  const originForm = absolute === null ? target : target.slice(absolute[0].length) || '/';
  const pathPart = originForm.split(/[?#]/, 1)[0] ?? '';
  if (!pathPart.startsWith('/'))
    return { ok: false, status: 400, reason: `target must start with "/" or "http://": ${target}` };
  // Encoded separators and NUL have no business in a file name; refusing them beats decoding twice.
  if (/%(2f|5c|00)/i.test(pathPart))
    return { ok: false, status: 403, reason: 'encoded "/", "\\" or NUL in path' };
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathPart);
  } catch {
    return { ok: false, status: 400, reason: `bad percent-encoding in ${target}` };
  }
  if (decoded.includes('\\') || decoded.includes('\0')) {
    return { ok: false, status: 403, reason: 'backslash or NUL in path' };
  }
  if (decoded.split('/').some((segment) => segment === '..' || segment === '.')) {
    return { ok: false, status: 403, reason: 'dot segments ("..") are not allowed' };
  }
  const relative = decoded.endsWith('/') ? `${decoded}index.html` : decoded;
  const base = path.resolve(root);
  const file = path.resolve(base, `.${relative}`);
  // Belt and braces: whatever the string checks missed, the final path must stay under the root.
  if (file !== base && !file.startsWith(base + path.sep)) {
    return { ok: false, status: 403, reason: 'path escapes the site root' };
  }
  return { ok: true, file };
}
