// Mutant: accepts a target that does not start with '/'
// Why students write it: every browser sends a leading slash, so it is never checked
// Exercise 3: map a request target to a file, refusing path traversal.
//
// resolveStaticPath(root, target) returns the absolute path of the file under `root` that the
// target names, or null when the target must be refused. Rules:
//   - drop the query and fragment ('/a.txt?x=1#y' names '/a.txt')
//   - the target must start with '/'
//   - refuse (null) encoded slashes, backslashes and NUL anywhere: %2f %5c %00 (any case)
//   - percent-decode; refuse bad encodings ('%zz') instead of throwing
//   - after decoding, refuse any '..' or '.' segment, any backslash and any NUL
//   - a target ending in '/' names that folder's index.html
//   - the final path must be inside root (path.resolve(root) or below it)
import path from 'node:path';

/**
 * The file under root named by target, or null to refuse it.
 *
 * @example
 * resolveStaticPath('/srv', '/a/b.txt')            // '/srv/a/b.txt'
 * resolveStaticPath('/srv', '/%2e%2e/etc/passwd')  // null
 */
export function resolveStaticPath(root: string, target: string): string | null {
  const pathPart = target.split(/[?#]/, 1)[0] ?? '';
  if (/%(2f|5c|00)/i.test(pathPart)) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathPart);
  } catch {
    return null;
  }
  if (decoded.includes('\\') || decoded.includes('\0')) return null;
  if (decoded.split('/').some((segment) => segment === '..' || segment === '.')) return null;
  const base = path.resolve(root);
  const file = path.resolve(base, `.${decoded.endsWith('/') ? `${decoded}index.html` : decoded}`);
  // The last word, trusting none of the checks above: below base, or refused. (path.join adds the
  // trailing separator unless base has one already, as the root '/' does.)
  return file.startsWith(path.join(base, path.sep)) ? file : null;
}
