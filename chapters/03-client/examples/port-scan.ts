// Run: pnpm tsx chapters/03-client/examples/port-scan.ts [host] [ports] [options]
//
// A TCP connect scanner, printing the open ports and the time taken. Ports are like nmap's -p:
// 1-1024, or 22,80,8000-8100 (default: all, 1-65535). With no host it listens on three ports
// of 127.0.0.1 itself, so that there is something to find, and scans 127.0.0.1.
//
// Options:
//   --simple              use the teaching scanner (scanner.ts) instead of the fast one
//   --engine handles      fast scanner only: open probes with the bare TCP handles of Node's
//                         INTERNAL process.binding('tcp_wrap') (DEP0111) instead of net.Socket
//                         (the default, --engine net). Cheaper, but Node's private plumbing:
//                         where it is missing or deprecated the scan says so and uses net
//                         (see src/fast-scan/handles-engine.mjs)
//   --concurrency N       connects in flight (per thread for the fast scanner; default 100)
//   --timeout MS          per-connect timeout in milliseconds (default 1000)
//   --exclude-ports SPEC  ports to leave alone, like nmap's --exclude-ports
//   --i-own-this-host     allow a target that is not loopback (only ever scan your own hosts)
import { defineCommand, UsageError } from '@netprog/cli';
import { runCli } from '../src/cli-exit.ts';
import { fastScan } from '../src/fast-scan/fast-scan.ts';
import { resolveScanTarget } from '../src/loopback-target.ts';
import { formatPortSpec, parsePortSpec } from '../src/port-spec.ts';
import { type ScanReport, scan } from '../src/scanner.ts';

const command = defineCommand({
  name: 'port-scan.ts',
  positionals: [
    { name: 'host', type: 'string' },
    { name: 'ports', type: 'string' }, // read by parsePortSpec (default 1-65535)
  ],
  options: {
    simple: { type: 'boolean' },
    engine: { type: 'string', choices: ['net', 'handles'] },
    concurrency: { type: 'integer', min: 1, max: 10_000, default: 100 },
    timeout: { type: 'integer', min: 1, max: 60_000, default: 1_000, placeholder: 'MS' },
    'exclude-ports': { type: 'string', placeholder: 'SPEC' },
    'i-own-this-host': { type: 'boolean' }, // OPT_IN_FLAG, which the refusal message names
  },
});

await runCli(async () => {
  const args = command.parse();
  const { host: hostArg, ports: portsArg = '1-65535', concurrency } = args;
  const excluded = new Set(
    args['exclude-ports'] === undefined ? [] : parsePortSpec(args['exclude-ports']),
  );
  const ports = parsePortSpec(portsArg).filter((port) => !excluded.has(port));
  const timeoutMs = args.timeout;

  // #region scan
  // No host: make something to find. These listeners are ours, and the output says so. (The
  // testbed is imported only then: loading it costs start-up time that a timed scan should not.)
  const testbed = hostArg === undefined ? await import('@netprog/testbed') : undefined;
  const ours = await testbed?.listenOpenPorts(3);
  await using _ours = ours;
  const host = hostArg ?? '127.0.0.1';
  if (host.trim() === '') throw new UsageError(`the host is empty; ${command.usage}`);
  const allowNonLoopback = args['i-own-this-host'];
  // Check the target before printing anything: a refused host is one line on stderr.
  const target = await resolveScanTarget(host, { allowNonLoopback });
  if (ours !== undefined) {
    console.log(
      `(no host given: listening on ${ours.ports.length} ports of ${host} so there is something to find)`,
    );
  }

  const scanner = args.simple ? 'simple scanner' : 'fast scanner';
  const skipped = excluded.size > 0 ? `, excluding ${formatPortSpec([...excluded])}` : '';
  const shown = target.address === host ? host : `${host} (${target.address})`;
  console.log(
    `scanning ${shown}: ${ports.length} ports (${portsArg}${skipped}) with the ${scanner}`,
  );
  const options = { concurrency, timeoutMs, allowNonLoopback };
  let report: ScanReport;
  let how = '';
  if (args.simple) {
    report = await scan(host, ports, options);
  } else {
    const fast = await fastScan(host, ports, { ...options, engine: args.engine });
    if (fast.fallback !== undefined) {
      console.error(`note: --engine handles cannot run here (${fast.fallback}); used --engine net`);
    }
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
