// The one sentence every Linux-only part of the course says where it cannot run: what it is, why
// it needs Linux, and the platform it was skipped on. Pure: the platform is a parameter, so the
// wording is tested on Linux for macOS and Windows too.

/**
 * Whether this process runs on Linux, the one platform the course is verified on. Tests and
 * examples ask this (or the helpers below), never `process.platform === 'linux'` themselves.
 */
export const isLinux: boolean = process.platform === 'linux';

/**
 * The note for something that needs Linux, or undefined on Linux: `needs Linux (<why>); skipped
 * on <platform>`. `why` names the Linux-only thing it uses (/proc/net, ss, getent...).
 *
 * @example
 * linuxOnlyNote('reads /proc/net', 'darwin') // 'needs Linux (reads /proc/net); skipped on darwin'
 * linuxOnlyNote('reads /proc/net', 'linux')  // undefined
 */
export function linuxOnlyNote(
  why: string,
  platform: string = process.platform,
): string | undefined {
  if (platform === 'linux') return undefined;
  return `needs Linux (${why}); skipped on ${platform}`;
}

/**
 * The whole line an example prints where it cannot run, or undefined on Linux:
 * `<what> needs Linux (<why>); skipped on <platform>`.
 *
 * @example
 * linuxOnlyReason('netstat-scene.ts', 'it reads /proc/net and runs ss', 'darwin')
 * // 'netstat-scene.ts needs Linux (it reads /proc/net and runs ss); skipped on darwin'
 */
export function linuxOnlyReason(
  what: string,
  why: string,
  platform: string = process.platform,
): string | undefined {
  const note = linuxOnlyNote(why, platform);
  return note === undefined ? undefined : `${what} ${note}`;
}
