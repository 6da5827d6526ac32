// Which testbed fixtures each lab's graded tests start, read from the tests themselves (their
// imports from @netprog/testbed), and doctor's check that each of them starts and closes here.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FoundLab } from '../course/discover.ts';
import { giveUpAfter } from '../grade/give-up-after.ts';
import type { Lab } from '../manifest/types.ts';
import { filesReadByExercise } from '../watch/import-graph.ts';
import type { DoctorCheck } from './doctor-check.ts';
import { FIXTURE_SMOKES, type FixtureName, isFixture } from './fixture-smokes.ts';

/** How long one fixture may take to start and close (a blackhole starts a worker thread). */
export const FIXTURE_LIMIT_MS = 5_000;

// `import … from '@netprog/testbed…'` and `export … from …`, the clause across lines. A regular
// expression, not a parser: an import written in a comment counts too, which can only make
// doctor start one fixture more.
const TESTBED_IMPORT =
  /\b(?:import|export)\s+([^'";]*?)\s*from\s*(['"])@netprog\/testbed(?:\/[^'"]*)?\2/g;

/**
 * The names a module imports (or re-exports) from @netprog/testbed or one of its entry points,
 * types left out: `default` for a default import, `*` for a namespace (whose names cannot be
 * read), each name once, in order.
 * @example
 * testbedImports("import { type DnsServer, listenDns as dns } from '@netprog/testbed';"); // ['listenDns']
 */
export function testbedImports(source: string): string[] {
  const names = new Set<string>();
  for (const match of source.matchAll(TESTBED_IMPORT)) {
    const clause = (match[1] ?? '').trim();
    if (/^type\b/.test(clause)) continue;
    const braces = /\{([^}]*)\}/.exec(clause);
    const outside = clause.replace(/\{[^}]*\}/, '').trim();
    if (/^\*/.test(outside) || /,\s*\*/.test(outside)) names.add('*');
    if (/^[\w$]+/.test(outside) && !/^\*/.test(outside)) names.add('default');
    for (const entry of braces?.[1]?.split(',') ?? []) {
      const [name = ''] = entry.trim().split(/\s+as\s+/);
      if (name !== '' && !/^type\s/.test(name)) names.add(name);
    }
  }
  return [...names];
}

/**
 * Every name a lab's graded tests import from @netprog/testbed: the graded test files and the
 * lab files they import (a shared support.ts), but not the exercises.
 * @example
 * await testbedNamesOfLab(lab); // ['listenEcho', 'listenHttp', 'within']
 */
export async function testbedNamesOfLab(lab: Lab): Promise<string[]> {
  const files = new Set<string>();
  for (const read of (await filesReadByExercise(lab, 'exercises')).values()) {
    for (const file of read) if (!file.startsWith('exercises/')) files.add(file);
  }
  const names = new Set<string>();
  for (const file of [...files].sort()) {
    const source = await readFile(join(lab.dir, ...file.split('/')), 'utf8').catch(() => '');
    for (const name of testbedImports(source)) names.add(name);
  }
  return [...names];
}

/**
 * Starts and closes every fixture a lab's tests use, one after the other, each within
 * FIXTURE_LIMIT_MS: ok when all do, fail naming the ones that did not.
 * @example
 * await checkLabFixtures({ id: 'chapter3', lab }); // { name: 'lab chapter3 fixtures', status: 'ok', … }
 */
export async function checkLabFixtures(found: FoundLab): Promise<DoctorCheck> {
  const name = `lab ${found.id} fixtures`;
  if (found.error) {
    return { name, status: 'warn', detail: `not checked: ${found.error.message}` };
  }
  const used = new Set((await testbedNamesOfLab(found.lab)).filter(isFixture));
  const wanted = (Object.keys(FIXTURE_SMOKES) as FixtureName[]).filter((f) => used.has(f));
  if (wanted.length === 0) {
    return { name, status: 'ok', detail: 'none: its tests start no testbed fixture' };
  }
  const failures: string[] = [];
  for (const fixture of wanted) {
    const late = `did not start and close within ${FIXTURE_LIMIT_MS} ms`;
    const problem = await giveUpAfter(
      FIXTURE_SMOKES[fixture]().then(
        () => undefined,
        (error: Error) => error.message.split('\n')[0],
      ),
      FIXTURE_LIMIT_MS,
      late,
    );
    if (problem !== undefined) failures.push(`${fixture}: ${problem}`);
  }
  if (failures.length > 0) {
    return {
      name,
      status: 'fail',
      detail: `${failures.join('; ')}: this lab's tests cannot run here`,
    };
  }
  return { name, status: 'ok', detail: `${wanted.join(', ')} start and close` };
}
