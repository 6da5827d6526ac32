import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { effectiveBacklog, kernelLimits } from '../src/kernel-limits.ts';
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

describe.runIf(process.platform === 'linux')('this machine', () => {
  it('has readable limits and facts, and the prediction agrees with the kernel for port 80', async () => {
    const limits = await kernelLimits();
    expect(limits.somaxconn).toBeGreaterThan(0);
    expect(limits.ephemeralPorts?.[0]).toBeLessThan(limits.ephemeralPorts?.[1] ?? 0);
    const facts = await privilegeFacts();
    expect(facts.effectiveCapabilities).not.toBeNull();
    expect(predictPrivilegedBind(80, facts).expect).not.toBe('unknown');
  });

  it('is right when it predicts EACCES for an unprivileged process on port 80', async (context) => {
    const facts = await privilegeFacts();
    const asUser = facts.uid === 0 ? { ...facts, uid: 65534, effectiveCapabilities: 0n } : facts;
    // Only a predicted failure is tried: a bind that would succeed could disturb a real server.
    if (predictPrivilegedBind(80, asUser).expect !== 'EACCES') {
      context.skip('this machine lets unprivileged processes bind port 80');
    }
    const listen80 = `
      const s = require('node:net').createServer();
      s.on('error', (e) => { console.log(e.code); process.exit(0); });
      s.listen(80, '127.0.0.1', () => { console.log('bound'); s.close(); });`;
    // As root, run the attempt as user nobody, the way an ordinary user meets it.
    const options =
      facts.uid === 0 ? { uid: 65534, gid: 65534, cwd: '/', timeout: 5_000 } : { timeout: 5_000 };
    const { stdout } = await promisify(execFile)(process.execPath, ['-e', listen80], options);
    expect(stdout.trim()).toBe('EACCES');
  }, 15_000);
});
