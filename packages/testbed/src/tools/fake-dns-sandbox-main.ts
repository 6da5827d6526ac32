// Runs INSIDE the sandbox of fake-dns-sandbox.ts (a private network namespace: nothing here can
// reach another machine): starts the fake DNS server on 127.0.0.1:53, where the sandbox's
// /etc/resolv.conf points, runs the Python script, prints what it printed, and stops the server.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { listenDns } from '../dns/listen-dns.ts';
import type { DnsZone } from '../dns/zone.ts';

const folder = process.argv[2] ?? '.';
const records = JSON.parse(await readFile(join(folder, 'zone.json'), 'utf8')) as DnsZone;
await using _server = await listenDns({ records, port: 53, tcp: true });
const printed = await new Promise<string>((resolve, reject) => {
  execFile('python3', [join(folder, 'script.py')], { timeout: 50_000 }, (error, stdout, stderr) =>
    error === null ? resolve(stdout) : reject(new Error(stderr.trim() || error.message)),
  );
});
process.stdout.write(printed);
