// Doctor's platform check, pure: the course is built and tested on Linux; macOS runs most of it;
// Windows needs the dev container or WSL 2.
import type { DoctorCheck } from './doctor-check.ts';

/**
 * Judges `process.platform` (and the architecture, for the line).
 * @example
 * judgePlatform('darwin', 'arm64').status; // 'warn'
 */
export function judgePlatform(platform: string, arch: string): DoctorCheck {
  const name = 'platform';
  const seen = `${platform} ${arch}`;
  if (platform === 'linux') {
    return { name, status: 'ok', detail: `${seen} (the course is tested on Linux)` };
  }
  if (platform === 'win32') {
    return {
      name,
      status: 'fail',
      detail: `${seen}: the course runs on Linux; open it in the dev container (.devcontainer/) or in WSL 2`,
    };
  }
  const skipped =
    platform === 'darwin'
      ? "the Linux-only parts are skipped here (chapter 2's /proc/net, getent, chapter 5's /proc/sys SYN settings)"
      : 'the course is tested on Linux only';
  return {
    name,
    status: 'warn',
    detail: `${seen}: ${skipped}; the dev container (.devcontainer/) gives the tested Linux`,
  };
}
