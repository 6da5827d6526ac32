// Run: pnpm tsx chapters/03-client/examples/port-scan.ts [host] [ports] [options]
//
// A TCP connect scanner, printing the open ports and the time taken. Ports are like nmap's -p:
// 1-1024, or 22,80,8000-8100 (default: all, 1-65535). With no host it listens on three ports
// of 127.0.0.1 itself, so that there is something to find, and scans 127.0.0.1.
//
// Options:
//   --simple              use the teaching scanner (scanner.ts) instead of the fast one
//   --engine net          fast scanner only: open probes with net.connect() instead of Node's
//                         internal TCP handles (see src/fast-scan/connect-sweep.mjs)
//   --concurrency N       connects in flight (per thread for the fast scanner; default 100)
//   --timeout MS          per-connect timeout in milliseconds (default 1000)
//   --exclude-ports SPEC  ports to leave alone, like nmap's --exclude-ports
//   --i-own-this-host     allow a target that is not loopback (only ever scan your own hosts)
import { parseArgs } from 'node:util';
import { runCli, UsageError } from '../src/cli-exit.ts';
import { defaultEngine } from '../src/fast-scan/connect-sweep.mjs';
import { fastScan } from '../src/fast-scan/fast-scan.ts';
import { resolveScanTarget } from '../src/loopback-target.ts';
import { formatPortSpec, parsePortSpec } from '../src/port-spec.ts';
import { type ScanReport, scan } from '../src/scanner.ts';

const USAGE = 'usage: port-scan.ts [host] [ports] [--simple] [--concurrency N] [--timeout MS]';

function positiveInteger(text: string | undefined, flag: string, fallback: number): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text) || Number(text) < 1) {
    throw new UsageError(`${flag} needs a whole number >= 1, got "${text}"`);
  }
  return Number(text);
}

await runCli(async () => {
  let parsed: ReturnType<typeof readArgs>;
  try {
    parsed = readArgs();
  } catch (error) {
    // parseArgs' own messages ("Unknown option '--x'") are clear; add the usage.
    throw new UsageError(`${(error as Error).message}; ${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (positionals.length > 2) throw new UsageError(`too many arguments; ${USAGE}`);
  const [hostArg, portsArg = '1-65535'] = positionals;
  const excluded = new Set(values['exclude-ports'] ? parsePortSpec(values['exclude-ports']) : []);
  const ports = parsePortSpec(portsArg).filter((port) => !excluded.has(port));
  const concurrency = positiveInteger(values.concurrency, '--concurrency', 100);
  const timeoutMs = positiveInteger(values.timeout, '--timeout', 1_000);
  const engine = values.engine ?? defaultEngine();
  if (engine !== 'net' && engine !== 'tcp-handle') {
    throw new UsageError(`--engine must be net or tcp-handle, got "${engine}"`);
  }

  // #region scan
  // No host: make something to find. These listeners are ours, and the output says so. (The
  // testbed is imported only then: loading it costs start-up time that a timed scan should not.)
  const testbed = hostArg === undefined ? await import('@netprog/testbed') : undefined;
  const ours = await testbed?.listenOpenPorts(3);
  await using _ours = ours;
  const host = hostArg ?? '127.0.0.1';
  if (host.trim() === '') throw new UsageError(`the host is empty; ${USAGE}`);
  const allowNonLoopback = values['i-own-this-host'] === true;
  // Check the target before printing anything: a refused host is one line on stderr.
  const target = await resolveScanTarget(host, { allowNonLoopback });
  if (ours !== undefined) {
    console.log(
      `(no host given: listening on ${ours.ports.length} ports of ${host} so there is something to find)`,
    );
  }

  const scanner = values.simple ? 'simple scanner' : 'fast scanner';
  const skipped = excluded.size > 0 ? `, excluding ${formatPortSpec([...excluded])}` : '';
  const shown = target.address === host ? host : `${host} (${target.address})`;
  console.log(
    `scanning ${shown}: ${ports.length} ports (${portsArg}${skipped}) with the ${scanner}`,
  );
  const options = { concurrency, timeoutMs, allowNonLoopback };
  let report: ScanReport;
  let how = '';
  if (values.simple) {
    report = await scan(host, ports, options);
  } else {
    const fast = await fastScan(host, ports, { ...options, engine });
    how = ` (${fast.threads} ${fast.threads === 1 ? 'thread' : 'threads'}, ${fast.engine} engine)`;
    report = fast;
  }

  for (const port of report.open) {
    const mine = ours?.ports.includes(port) ? '  (one of ours)' : '';
    console.log(`${report.address}:${port} open${mine}`);
  }
  for (const { port, code } of report.errors)
    console.log(`${report.address}:${port} error ${code}`);
  if (report.filtered.length > 0) console.log(`filtered: ${formatPortSpec(report.filtered)}`);
  console.log(
    `${report.open.length} open, ${report.closed} closed, ${report.filtered.length} filtered ` +
      `in ${report.durationMs.toFixed(0)} ms${how}`,
  );
  // #endregion scan
});

function readArgs() {
  return parseArgs({
    allowPositionals: true,
    options: {
      simple: { type: 'boolean' },
      engine: { type: 'string' },
      concurrency: { type: 'string' },
      timeout: { type: 'string' },
      'exclude-ports': { type: 'string' },
      'i-own-this-host': { type: 'boolean' }, // OPT_IN_FLAG
    },
  });
}
