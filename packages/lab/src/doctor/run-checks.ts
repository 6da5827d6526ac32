// Doctor's I/O shell: gathers what the pure judges need (files, versions, the platform), runs
// the network checks, and hands each result over as soon as it is known. Every check is bounded
// in time, so the whole run is too.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readResolverFiles } from '@netprog/testbed/loopback-guard';
import { discoverLabs } from '../course/discover.ts';
import type { DoctorCheck } from './doctor-check.ts';
import { judgeHosts } from './hosts.ts';
import { checkLabFixtures } from './lab-fixtures.ts';
import { checkLoopback } from './loopback.ts';
import { judgeNode } from './node-version.ts';
import { judgePlatform } from './platform.ts';
import { judgePnpm } from './pnpm-version.ts';
import { judgePortRange, PORT_RANGE_FILE } from './port-range.ts';

/** What the checks read of the world besides files and sockets (tests pass their own). */
export interface DoctorWorld {
  readonly root: string;
  readonly env: NodeJS.ProcessEnv;
  readonly platform: string;
  readonly arch: string;
  readonly nodeVersion: string;
  readonly today: Date;
  readonly signal?: AbortSignal;
}

/**
 * Runs every check in order, calling `report` with each result; returns them all. Stops
 * starting new checks once `signal` is aborted (Ctrl-C).
 * @example
 * await runChecks(world, (check) => console.log(check.name, check.status));
 */
export async function runChecks(
  world: DoctorWorld,
  report: (check: DoctorCheck) => void,
): Promise<DoctorCheck[]> {
  const checks: DoctorCheck[] = [];
  const course = await readCoursePackage(world.root);
  const steps: (() => DoctorCheck | Promise<DoctorCheck>)[] = [
    () => judgePlatform(world.platform, world.arch),
    () => judgeNode(world.nodeVersion, course.engines, world.today),
    () => judgePnpm(world.env.npm_config_user_agent, course.packageManager),
    () => checkLoopback('127.0.0.1', 'fail', 'every fixture and test of the course listens there'),
    () =>
      checkLoopback(
        '::1',
        'warn',
        "the IPv6 parts of chapters 2 and 3 (the dual-stack examples, labs 2 and 3's tests on ::1) are skipped",
      ),
    () => judgeHosts(existsSync('/etc/hosts') ? readResolverFiles() : undefined),
    async () =>
      judgePortRange(
        world.platform === 'linux'
          ? await readFile(PORT_RANGE_FILE, 'utf8').catch(() => undefined)
          : undefined,
        world.platform,
      ),
  ];
  for (const step of steps) {
    if (world.signal?.aborted) return checks;
    const check = await step();
    checks.push(check);
    report(check);
  }
  for (const found of await discoverLabs(world.root)) {
    if (world.signal?.aborted) return checks;
    const check = await checkLabFixtures(found);
    checks.push(check);
    report(check);
  }
  return checks;
}

/** engines.node and packageManager of the course's root package.json (undefined when missing). */
async function readCoursePackage(
  root: string,
): Promise<{ engines?: string; packageManager?: string }> {
  try {
    const json = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as {
      engines?: { node?: unknown };
      packageManager?: unknown;
    };
    const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
    return { engines: text(json.engines?.node), packageManager: text(json.packageManager) };
  } catch {
    return {};
  }
}
