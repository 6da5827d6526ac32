// `pnpm lab doctor`'s pure parts: each judge turns what the machine said into one line's
// status and words; the report marks and sums them up.
import type { ResolverFiles } from '@netprog/testbed/loopback-guard';
import { describe, expect, test } from 'vitest';
import type { DoctorCheck } from '../src/doctor/doctor-check.ts';
import { judgeHosts } from '../src/doctor/hosts.ts';
import { caretTerms, inCaret, judgeNode, parseVersion } from '../src/doctor/node-version.ts';
import { judgePlatform } from '../src/doctor/platform.ts';
import { judgePnpm } from '../src/doctor/pnpm-version.ts';
import { judgePortRange } from '../src/doctor/port-range.ts';
import { formatDoctorCheck, formatDoctorSummary } from '../src/output/doctor-report.ts';
import { painter } from '../src/output/style.ts';

const ENGINES = '^20.19.0 || ^22.12.0 || ^24.0.0';
const BEFORE_NODE_20_ENDS = new Date('2026-01-15T00:00:00Z');
const AFTER_NODE_20_ENDS = new Date('2026-12-07T00:00:00Z');

describe('platform', () => {
  test('Linux works, macOS is a warning, Windows a blocker', () => {
    expect(judgePlatform('linux', 'x64')).toEqual({
      name: 'platform',
      status: 'ok',
      detail: 'linux x64 (the course is tested on Linux)',
    });
    const mac = judgePlatform('darwin', 'arm64');
    expect(mac.status).toBe('warn');
    expect(mac.detail).toMatch(/\/proc\/net.*getent.*\/proc\/sys SYN/);
    expect(mac.detail).toContain('.devcontainer/');
    const windows = judgePlatform('win32', 'x64');
    expect(windows.status).toBe('fail');
    expect(windows.detail).toMatch(/dev container.*WSL 2/);
    expect(judgePlatform('freebsd', 'x64').status).toBe('warn');
  });
});

describe('Node', () => {
  test('reads the caret ranges of engines, and nothing else', () => {
    expect(caretTerms(ENGINES)).toEqual([
      [20, 19, 0],
      [22, 12, 0],
      [24, 0, 0],
    ]);
    expect(caretTerms('>=20.19.0')).toBeUndefined();
    expect(caretTerms('^20')).toBeUndefined();
    expect(parseVersion('v22.12.0')).toEqual([22, 12, 0]);
    expect(parseVersion('24.1.0-nightly')).toEqual([24, 1, 0]);
    expect(parseVersion('twenty')).toBeUndefined();
  });

  test('a caret term takes its major from its floor up', () => {
    expect(inCaret([20, 19, 0], [20, 19, 0])).toBe(true);
    expect(inCaret([20, 20, 2], [20, 19, 0])).toBe(true);
    expect(inCaret([20, 18, 9], [20, 19, 0])).toBe(false);
    expect(inCaret([22, 12, 0], [22, 12, 1])).toBe(false);
    expect(inCaret([21, 0, 0], [20, 19, 0])).toBe(false);
  });

  test('in range: ok, with the range', () => {
    expect(judgeNode('v22.12.0', ENGINES, AFTER_NODE_20_ENDS)).toEqual({
      name: 'Node',
      status: 'ok',
      detail: `22.12.0 (engines ${ENGINES})`,
    });
    expect(judgeNode('v20.19.0', ENGINES, BEFORE_NODE_20_ENDS).status).toBe('ok');
  });

  test('Node 20 after 30 April 2026: a warning that suggests the newer majors', () => {
    expect(judgeNode('v20.20.2', ENGINES, AFTER_NODE_20_ENDS)).toEqual({
      name: 'Node',
      status: 'warn',
      detail: `20.20.2 is in engines (${ENGINES}), but Node 20 is past its end of life (30 April 2026): install Node 22 or 24`,
    });
  });

  test('outside the range: a blocker naming the version and the range', () => {
    const old = judgeNode('v20.18.1', ENGINES, AFTER_NODE_20_ENDS);
    expect(old.status).toBe('fail');
    expect(old.detail).toBe(
      `20.18.1 is outside the course's engines (${ENGINES}): install one of Node 20.19+, Node 22.12+ or Node 24.0+`,
    );
    expect(judgeNode('v23.0.0', ENGINES, AFTER_NODE_20_ENDS).status).toBe('fail');
    expect(judgeNode('v18.20.0', ENGINES, AFTER_NODE_20_ENDS).status).toBe('fail');
  });

  test('engines it cannot read: a warning, not a guess', () => {
    expect(judgeNode('v22.12.0', undefined, AFTER_NODE_20_ENDS)).toMatchObject({
      status: 'warn',
      detail: "22.12.0: not checked: the course's package.json has no engines.node",
    });
    expect(judgeNode('v22.12.0', '>=20', AFTER_NODE_20_ENDS).detail).toMatch(
      /engines.node ">=20" is not a list of \^x\.y\.z ranges/,
    );
  });
});

describe('pnpm', () => {
  const agent = (version: string) => `pnpm/${version} npm/? node/v20.20.2 linux x64`;

  test('the same major as packageManager: ok', () => {
    expect(judgePnpm(agent('10.34.9'), 'pnpm@10.34.9')).toEqual({
      name: 'pnpm',
      status: 'ok',
      detail: '10.34.9 (packageManager pnpm@10.34.9)',
    });
    expect(judgePnpm(agent('10.1.0'), 'pnpm@10.34.9+sha512.abc').status).toBe('ok');
  });

  test('another major, or no pnpm at all: a warning with the install command', () => {
    expect(judgePnpm(agent('9.15.0'), 'pnpm@10.34.9')).toEqual({
      name: 'pnpm',
      status: 'warn',
      detail: "9.15.0, but the course's packageManager is pnpm@10.34.9: npm install -g pnpm@10",
    });
    expect(judgePnpm('npm/10.8.2 node/v20.20.2 linux x64', 'pnpm@10.34.9').detail).toBe(
      'not checked: run by npm/10.8.2; run `pnpm lab doctor` (the course wants pnpm 10: npm install -g pnpm@10)',
    );
    expect(judgePnpm(undefined, 'pnpm@10.34.9').detail).toMatch(
      /^not checked: run outside a package manager/,
    );
    expect(judgePnpm(agent('10.34.9'), undefined).status).toBe('warn');
  });
});

describe('ephemeral ports', () => {
  test('prints the range and its size; warns below 10,000 ports', () => {
    expect(judgePortRange('32768\t60999\n', 'linux')).toEqual({
      name: 'ephemeral ports',
      status: 'ok',
      detail: '32768–60999 (28,232 ports)',
    });
    const narrow = judgePortRange('60000 61000\n', 'linux');
    expect(narrow.status).toBe('warn');
    expect(narrow.detail).toMatch(/^60000–61000 \(1,001 ports\): fewer than 10,000.*sysctl/);
  });

  test('unreadable: a warning; not Linux: not checked', () => {
    expect(judgePortRange(undefined, 'linux')).toMatchObject({
      status: 'warn',
      detail: 'not checked: /proc/sys/net/ipv4/ip_local_port_range cannot be read',
    });
    expect(judgePortRange('junk', 'linux').status).toBe('warn');
    expect(judgePortRange(undefined, 'darwin')).toEqual({
      name: 'ephemeral ports',
      status: 'ok',
      detail: 'not checked on darwin',
    });
  });
});

describe('/etc/hosts', () => {
  const files = (hosts: string, extra: Partial<ResolverFiles> = {}): ResolverFiles => ({
    hosts,
    nsswitch: 'hosts: files mdns4_minimal [NOTFOUND=return] dns\n',
    platform: 'linux',
    configured: new Set([4, 6]),
    ...extra,
  });

  test('localhost for both families: ok', () => {
    expect(judgeHosts(files('127.0.0.1 localhost\n::1 localhost ip6-localhost\n'))).toEqual({
      name: '/etc/hosts',
      status: 'ok',
      detail: 'localhost → 127.0.0.1, ::1',
    });
  });

  test('no ::1 line: a warning that says what to add', () => {
    const check = judgeHosts(files('127.0.0.1 localhost\n127.0.0.1 vm\n'));
    expect(check.status).toBe('warn');
    expect(check.detail).toBe(
      "localhost → 127.0.0.1, no IPv6 line: the loopback guard refuses system lookups of localhost over IPv6, and chapter 1's examples skip them; to add one: `::1 localhost ip6-localhost`",
    );
  });

  test('IPv6 only: a warning; no line at all: a blocker', () => {
    expect(judgeHosts(files('::1 localhost\n')).detail).toMatch(
      /no IPv4 line.*`127\.0\.0\.1 localhost`/,
    );
    const none = judgeHosts(files('# nothing\n10.0.0.5 box\n'));
    expect(none.status).toBe('fail');
    expect(none.detail).toMatch(/^no line for localhost:.*`127\.0\.0\.1 localhost`/);
  });

  test('localhost somewhere else than loopback: a warning', () => {
    expect(judgeHosts(files('127.0.0.1 localhost\n10.0.0.5 localhost\n'))).toMatchObject({
      status: 'warn',
      detail: expect.stringMatching(/^localhost → 10\.0\.0\.5, which is not loopback/),
    });
  });

  test('no /etc/hosts, or a resolver that does not ask it first: a warning', () => {
    expect(judgeHosts(undefined)).toMatchObject({
      status: 'warn',
      detail: expect.stringMatching(/^not found:/),
    });
    const resolved = judgeHosts(
      files('127.0.0.1 localhost\n::1 localhost\n', { nsswitch: 'hosts: resolve files\n' }),
    );
    expect(resolved.status).toBe('warn');
    expect(resolved.detail).toMatch(/^\/etc\/nsswitch.conf asks resolve before \/etc\/hosts/);
  });
});

describe('the report', () => {
  const paint = painter(false);
  const ok: DoctorCheck = { name: 'pnpm', status: 'ok', detail: '10.34.9' };
  const warn: DoctorCheck = { name: 'Node', status: 'warn', detail: 'old' };
  const fail: DoctorCheck = { name: 'loopback IPv4', status: 'fail', detail: 'no echo' };

  test('one line per check, marked as the scoreboard marks', () => {
    expect([ok, warn, fail].map((check) => formatDoctorCheck(check, paint)).join('')).toBe(
      '✓ pnpm: 10.34.9\n! Node: old\n✗ loopback IPv4: no echo\n',
    );
  });

  test('the summary names the blockers and counts the warnings', () => {
    expect(formatDoctorSummary([ok], paint)).toBe(
      '\nNo warnings, no blockers: this machine can run the course.\n',
    );
    expect(formatDoctorSummary([ok, warn, warn], paint)).toBe(
      '\n2 warnings, no blockers: this machine can run the course.\n',
    );
    expect(formatDoctorSummary([ok, warn, fail], paint)).toBe(
      '\n1 blocker: loopback IPv4 (and 1 warning): fix it as said above, then run `pnpm lab doctor` again.\n',
    );
  });
});
