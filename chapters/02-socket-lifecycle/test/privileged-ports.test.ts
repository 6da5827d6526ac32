import { linuxOnly } from '@netprog/testbed/linux-only/tests';
import { describe, expect, it } from 'vitest';
import { effectiveBacklog, kernelLimits } from '../src/kernel-limits.ts';
import { listenInChild, NOBODY } from '../src/low-port-attempt.ts';
import {
  CAP_NET_BIND_SERVICE,
  parseCapEff,
  predictPrivilegedBind,
  privilegeFacts,
} from '../src/privileged-ports.ts';

const linux = { platform: 'linux' as const, unprivilegedPortStart: 1024 };
const withCap = 1n << BigInt(CAP_NET_BIND_SERVICE);

describe('predictPrivilegedBind', () => {
  it('predicts EACCES for an ordinary Linux user below ip_unprivileged_port_start', () => {
    const p = predictPrivilegedBind(80, { ...linux, uid: 1000, effectiveCapabilities: 0n });
    expect(p.expect).toBe('EACCES');
    expect(p.reason).toMatch(/port 80 < net\.ipv4\.ip_unprivileged_port_start \(1024\)/);
  });

  it('lets root, or any process with CAP_NET_BIND_SERVICE, bind low ports', () => {
    expect(
      predictPrivilegedBind(80, { ...linux, uid: 0, effectiveCapabilities: withCap }),
    ).toMatchObject({
      expect: 'ok',
      reason: expect.stringMatching(/CAP_NET_BIND_SERVICE \(it runs as root\)/),
    });
    expect(
      predictPrivilegedBind(443, { ...linux, uid: 1000, effectiveCapabilities: withCap }).expect,
    ).toBe('ok');
  });

  it('follows a lowered sysctl (containers often set it to 0)', () => {
    const lowered = {
      platform: 'linux' as const,
      uid: 1000,
      effectiveCapabilities: 0n,
      unprivilegedPortStart: 0,
    };
    expect(predictPrivilegedBind(80, lowered).expect).toBe('ok');
  });

  it('never worries about port 0 or ports >= 1024, and admits what it does not know', () => {
    expect(
      predictPrivilegedBind(0, { ...linux, uid: 1000, effectiveCapabilities: 0n }).expect,
    ).toBe('ok');
    expect(
      predictPrivilegedBind(8080, { ...linux, uid: 1000, effectiveCapabilities: 0n }).expect,
    ).toBe('ok');
    expect(
      predictPrivilegedBind(80, { ...linux, uid: 1000, effectiveCapabilities: null }).expect,
    ).toBe('unknown');
    expect(
      predictPrivilegedBind(80, {
        platform: 'darwin',
        uid: 501,
        effectiveCapabilities: null,
        unprivilegedPortStart: null,
      }).expect,
    ).toBe('unknown');
  });
});

describe('parseCapEff', () => {
  it('reads the effective capability mask from /proc/<pid>/status text', () => {
    expect(parseCapEff('Name:\tnode\nCapInh:\t0000000000000000\nCapEff:\t000001fffeffffff\n')).toBe(
      0x1fffeffffffn,
    );
    expect(parseCapEff('Name:\tnode\n')).toBeNull();
  });
});

describe('effectiveBacklog', () => {
  it("applies Node's `backlog || 511`, then the kernel's somaxconn cap, then Linux's +1", () => {
    expect(effectiveBacklog(undefined, 4096)).toEqual({ node: 511, kernel: 511, waiting: 512 });
    expect(effectiveBacklog(0, 4096)).toEqual({ node: 511, kernel: 511, waiting: 512 });
    expect(effectiveBacklog(1, 4096)).toEqual({ node: 1, kernel: 1, waiting: 2 });
    expect(effectiveBacklog(10_000, 4096)).toEqual({ node: 10_000, kernel: 4096, waiting: 4097 });
  });
});

const linuxMachine = linuxOnly('limits from /proc/sys, capabilities from /proc/self/status');
linuxMachine.describe('this machine', () => {
  it('has readable limits and facts, and the prediction agrees with the kernel for port 80', async () => {
    const limits = await kernelLimits();
    expect(limits.somaxconn).toBeGreaterThan(0);
    expect(limits.ephemeralPorts?.[0]).toBeLessThan(limits.ephemeralPorts?.[1] ?? 0);
    const facts = await privilegeFacts();
    expect(facts.effectiveCapabilities).not.toBeNull();
    expect(predictPrivilegedBind(80, facts).expect).not.toBe('unknown');
  });

  it('is right for this user: a real listen() on port 80 does what it predicts', async () => {
    const facts = await privilegeFacts();
    const predicted = predictPrivilegedBind(80, facts).expect;
    const attempt = await listenInChild(80);
    if (predicted === 'EACCES') expect(attempt.code).toBe('EACCES');
    // Allowed to bind: it binds, unless a real server on this machine already holds port 80.
    else expect(['ok', 'EADDRINUSE']).toContain(attempt.code);
  }, 15_000);

  it('is right for user nobody, who has no capabilities (tried only as root)', async (context) => {
    const facts = await privilegeFacts();
    if (facts.uid !== 0)
      return context.skip('not root: only root can start a process as another user');
    const nobody = { ...facts, uid: NOBODY.uid, effectiveCapabilities: 0n };
    const attempt = await listenInChild(80, NOBODY);
    if (predictPrivilegedBind(80, nobody).expect === 'EACCES') expect(attempt.code).toBe('EACCES');
    else expect(['ok', 'EADDRINUSE']).toContain(attempt.code);
  }, 15_000);
});
