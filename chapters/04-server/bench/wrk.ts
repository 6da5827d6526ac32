// Runs wrk (a C load generator: one thread, an epoll loop, keep-alive connections) and reads its
// report. wrk is in Debian and Ubuntu (apt-get install wrk) and Homebrew (brew install wrk).
import { execFile } from 'node:child_process';

/** What one wrk run measured. Latencies are in milliseconds. */
export interface WrkResult {
  readonly requests: number;
  readonly seconds: number;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Socket errors (connect, read, write, timeout) plus non-2xx/3xx responses. */
  readonly errors: number;
}

export interface WrkOptions {
  readonly connections: number;
  readonly seconds: number;
}

/** wrk is not installed (or not runnable): the message says how to install it. */
export class WrkMissingError extends Error {
  override readonly name = 'WrkMissingError';
}

export const INSTALL_WRK =
  'wrk is not installed. Install it with `sudo apt-get install wrk` (Debian, Ubuntu) or `brew install wrk` (macOS), then run the benchmark again.';

/**
 * The wrk version line, e.g. "wrk debian/4.1.0-3+b2 [epoll]". Throws WrkMissingError if absent.
 *
 * @example
 * await wrkVersion() // 'wrk debian/4.1.0-3+b2 [epoll]'
 */
export function wrkVersion(): Promise<string> {
  return new Promise((resolve, reject) => {
    // `wrk -v` prints its version and usage, then exits 1: only a spawn error means it is missing.
    execFile('wrk', ['-v'], { timeout: 5_000 }, (error, stdout, stderr) => {
      if (error !== null && (error as NodeJS.ErrnoException).code === 'ENOENT') {
        reject(new WrkMissingError(INSTALL_WRK));
        return;
      }
      const line = `${stdout}${stderr}`.split('\n')[0] ?? '';
      resolve(line.replace(/\s+Copyright.*$/, '').trim());
    });
  });
}

/**
 * One run: `wrk -t1 -cN -dS --latency --timeout 5s url`, bounded by a kill after S + 15 s.
 *
 * @example
 * const result = await runWrk('http://127.0.0.1:8080/hello', { connections: 50, seconds: 5 });
 */
export function runWrk(url: string, options: WrkOptions): Promise<WrkResult> {
  const args = ['-t1', `-c${options.connections}`, `-d${options.seconds}s`, '--latency'];
  args.push('--timeout', '5s', url);
  return new Promise((resolve, reject) => {
    execFile(
      'wrk',
      args,
      { timeout: (options.seconds + 15) * 1000, killSignal: 'SIGKILL' },
      (error, stdout, stderr) => {
        if (error !== null) {
          const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
          reject(
            missing
              ? new WrkMissingError(INSTALL_WRK)
              : new Error(`wrk ${args.join(' ')} failed: ${error.message}\n${stderr}`),
          );
          return;
        }
        try {
          resolve(parseWrkOutput(stdout));
        } catch (parseError) {
          reject(parseError);
        }
      },
    );
  });
}

const UNIT_MS: Readonly<Record<string, number>> = { us: 0.001, ms: 1, s: 1000, m: 60_000 };

/** "383.00us" -> 0.383, "1.20ms" -> 1.2, "2.01s" -> 2010. */
function durationMs(text: string): number {
  const match = /^([\d.]+)(us|ms|s|m)$/.exec(text);
  if (match === null) throw new Error(`cannot read wrk duration ${JSON.stringify(text)}`);
  return Number(match[1]) * (UNIT_MS[match[2] ?? ''] ?? Number.NaN);
}

/**
 * Reads the report `wrk --latency` prints.
 *
 * @example
 * parseWrkOutput(report) // { requests: 412345, seconds: 5.0, requestsPerSecond: 82469.1, p50Ms: 0.38, p99Ms: 1.2, errors: 0 }
 */
export function parseWrkOutput(text: string): WrkResult {
  const total = /(\d+) requests in ([\d.]+)(us|ms|s|m),/.exec(text);
  const rps = /Requests\/sec:\s+([\d.]+)/.exec(text);
  const p50 = /^\s+50%\s+(\S+)$/m.exec(text);
  const p99 = /^\s+99%\s+(\S+)$/m.exec(text);
  if (total === null || rps === null || p50 === null || p99 === null) {
    throw new Error(`wrk printed no complete --latency report:\n${text}`);
  }
  const socketErrors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(
    text,
  );
  const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(text);
  const errors =
    (socketErrors === null ? 0 : socketErrors.slice(1, 5).reduce((sum, n) => sum + Number(n), 0)) +
    Number(non2xx?.[1] ?? 0);
  return {
    requests: Number(total[1]),
    seconds: durationMs(`${total[2]}${total[3]}`) / 1000,
    requestsPerSecond: Number(rps[1]),
    p50Ms: durationMs(p50[1] ?? ''),
    p99Ms: durationMs(p99[1] ?? ''),
    errors,
  };
}
