// `pnpm lab doctor` on this machine, through bin/lab.mjs as the root package.json's `lab` script
// runs it: every check prints its line and none is a blocker here (warnings are fine: this
// machine's /etc/hosts may lack `::1 localhost`, and its Node may be past its end of life).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { discoverLabs } from '../src/course/discover.ts';
import { cliEnv, collect } from './helpers/run-cli.ts';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

test('doctor prints one line per check and exits 0 on this machine', async () => {
  const child = spawn(process.execPath, ['packages/lab/bin/lab.mjs', 'doctor'], {
    cwd: repoRoot,
    env: cliEnv({ INIT_CWD: repoRoot }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const { code, stdout, stderr } = await collect(child, 'pnpm lab doctor', 60_000);
  expect(stderr).toBe('');
  const labs = (await discoverLabs(repoRoot)).map((found) => found.id);
  const names = [
    'platform',
    'Node',
    'pnpm',
    'loopback IPv4',
    'loopback IPv6',
    '/etc/hosts',
    'ephemeral ports',
    ...labs.map((id) => `lab ${id} fixtures`),
  ];
  const lines = stdout.trimEnd().split('\n');
  const checks = lines.slice(0, names.length);
  expect(checks.map((line) => line.slice(2).split(': ')[0])).toEqual(names);
  // ✓ works, ! a warning; no ✗ (a blocker).
  expect(checks.filter((line) => !/^[✓!] /.test(line))).toEqual([]);
  expect(lines.slice(names.length)).toEqual([
    '',
    expect.stringMatching(/^(No|\d+) warnings?, no blockers: this machine can run the course\.$/),
  ]);
  expect(code, stdout).toBe(0);
}, 60_000);
