// Doctor starts the fixtures each lab's graded tests import, read from their import lines, with
// one smoke run per fixture (src/doctor/fixture-smokes.ts). A new fixture that a lab imports but
// the table lacks would go unchecked: this fails first.
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { discoverLabs } from '../src/course/discover.ts';
import { FIXTURE_SMOKES, isFixture } from '../src/doctor/fixture-smokes.ts';
import { checkLabFixtures, testbedImports, testbedNamesOfLab } from '../src/doctor/lab-fixtures.ts';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

/**
 * Names the labs import from @netprog/testbed that start nothing, so doctor has nothing to run
 * for them: timing helpers, leak checks, the seeded generator, the Linux-only skips.
 */
const NOT_FIXTURES = new Set([
  'within',
  'TIMING_RETRIES',
  'expectNearLimit',
  'activeResourcesAfterTick',
  'addedResources',
  'mulberry32',
  'linuxOnly',
  'isLinux',
]);

describe('the testbed names a test file imports', () => {
  test('named imports from every entry point, types and aliases read as what they import', () => {
    const source = `import net from 'node:net';
import { type DnsServer, listenDns as dns } from '@netprog/testbed';
import type { LossyUdpOptions } from '@netprog/testbed';
import {
  connectTcp,
  listenEcho,
} from '@netprog/testbed/fixtures';
import { within } from "@netprog/testbed/timing";
import { describe } from 'vitest';
export { tapClient } from '@netprog/testbed/wire/client';
`;
    expect(testbedImports(source)).toEqual([
      'listenDns',
      'connectTcp',
      'listenEcho',
      'within',
      'tapClient',
    ]);
  });

  test('a default or namespace import is named as such, so the check below sees it', () => {
    expect(testbedImports("import * as testbed from '@netprog/testbed';")).toEqual(['*']);
    expect(testbedImports("import testbed, { closedPort } from '@netprog/testbed';")).toEqual([
      'default',
      'closedPort',
    ]);
    expect(testbedImports("import { listenEcho } from '@netprog/testbed-next';")).toEqual([]);
  });
});

describe("the course's labs", async () => {
  const labs = (await discoverLabs(repoRoot)).flatMap((found) => (found.lab ? [found.lab] : []));

  test('are found', () => {
    expect(labs.length).toBeGreaterThan(0);
  });

  test('import from @netprog/testbed only fixtures doctor starts, or names listed as none', async () => {
    const unknown: string[] = [];
    for (const lab of labs) {
      for (const name of await testbedNamesOfLab(lab)) {
        if (!isFixture(name) && !NOT_FIXTURES.has(name))
          unknown.push(`${lab.manifest.id}: ${name}`);
      }
    }
    expect(
      unknown,
      'add each to FIXTURE_SMOKES in src/doctor/fixture-smokes.ts (or, if it starts nothing, to NOT_FIXTURES here)',
    ).toEqual([]);
  });

  // A class copy exported with --labs runs this file too, with only some of the labs.
  const has = (id: string) => labs.some((lab) => lab.manifest.id === id);

  test.runIf(has('chapter2'))(
    'the files read include what the graded tests import from the lab (a support file)',
    async () => {
      const chapter2 = labs.find((lab) => lab.manifest.id === 'chapter2');
      if (!chapter2) throw new Error('labs/chapter2 not found');
      // tests/support.ts alone imports `within`; no graded test file of lab 2 does.
      expect(await testbedNamesOfLab(chapter2)).toContain('within');
    },
  );

  test.runIf(has('chapter3'))(
    "lab 3's line names the fixtures its tests import, in the table's order",
    async () => {
      const chapter3 = labs.find((lab) => lab.manifest.id === 'chapter3');
      if (!chapter3) throw new Error('labs/chapter3 not found');
      expect(await checkLabFixtures({ id: 'chapter3', lab: chapter3 })).toEqual({
        name: 'lab chapter3 fixtures',
        status: 'ok',
        detail:
          'listenEcho, listenHttp, listenTcp, closedPort, listenBlackhole, listenOpenPorts start and close',
      });
    },
  );
});

describe('every smoke in the table', () => {
  test.each(Object.keys(FIXTURE_SMOKES) as (keyof typeof FIXTURE_SMOKES)[])(
    '%s starts and closes its fixture',
    async (name) => {
      await expect(FIXTURE_SMOKES[name]()).resolves.toBeUndefined();
    },
  );
});
