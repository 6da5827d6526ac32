// The loopback guard and the leak check only protect the tests whose vitest configuration loads
// them. This checks every workspace package, chapter, lab and the docs: each has a
// vitest.config.ts, and the configuration it exports runs both setup files. Each is loaded the way
// the vitest command loads it (vite's loadConfigFromFile: the config bundled with its relative
// imports, its package imports run by plain Node), so a config that only works inside vitest's
// module runner fails here too.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfigFromFile } from 'vite';
import { describe, expect, it } from 'vitest';
import type { ViteUserConfig } from 'vitest/config';
import { leakCheck, loopbackGuard } from '../src/vitest/shared-config.mjs';

const root = fileURLToPath(new URL('../../../', import.meta.url));
/** Every folder pnpm-workspace.yaml makes a package: packages/*, chapters/*, labs/*, docs. */
const workspaces = ['packages', 'chapters', 'labs']
  .flatMap((group) => readdirSync(join(root, group)).map((name) => `${group}/${name}`))
  .concat('docs')
  .filter((dir) => existsSync(join(root, dir, 'package.json')))
  .sort();

/**
 * Packages below testbed, which testbed itself depends on: a test dependency back on testbed would
 * be a package cycle. Each opens no socket in its tests (it parses text), and says so in its config.
 */
const BELOW_TESTBED = ['packages/proc-net', 'packages/run-ts'];

describe('@netprog/testbed/vitest reaches every workspace package', () => {
  it('finds the packages, chapters, labs and docs', () => {
    // A class copy exported with --labs leaves docs/ out (and runs this test too).
    const docs = existsSync(join(root, 'docs', 'package.json')) ? ['docs'] : [];
    expect(workspaces).toEqual(expect.arrayContaining(['packages/testbed', ...docs]));
    expect(workspaces.filter((dir) => dir.startsWith('labs/')).length).toBeGreaterThan(0);
  });

  it.each(BELOW_TESTBED)('%s is below testbed: no socket in its tests, no guard needed', (dir) => {
    const config = readFileSync(join(root, dir, 'vitest.config.ts'), 'utf8');
    expect(config).toContain('open no socket');
    const tests = readdirSync(join(root, dir, 'test'), { recursive: true, encoding: 'utf8' })
      .filter((name) => /\.[cm]?[jt]s$/.test(name))
      .map((name) => readFileSync(join(root, dir, 'test', name), 'utf8'));
    // A test that opens a socket or asks a resolver would need the guard: keep them out.
    const opens = /\b(createServer|createConnection|createSocket|connect|lookup|resolve\w*)\(/;
    const code = (text: string) => text.replace(/\/\/.*$/gm, ''); // comments may name calls
    for (const text of tests) expect(code(text)).not.toMatch(opens);
  });

  it.each(workspaces.filter((dir) => !BELOW_TESTBED.includes(dir)))(
    '%s loads the loopback guard and the leak check',
    async (dir) => {
      const file = join(root, dir, 'vitest.config.ts');
      expect(existsSync(file), `${dir} has no vitest.config.ts`).toBe(true);
      const loaded = await loadConfigFromFile(
        { command: 'serve', mode: 'test' },
        file,
        undefined,
        'silent',
      );
      const config = loaded?.config as ViteUserConfig;
      const setupFiles = [config.test?.setupFiles ?? []].flat();
      expect(setupFiles).toEqual(expect.arrayContaining([loopbackGuard, leakCheck]));
      // The guard must come first: nothing another setup file does may leave the machine.
      expect(setupFiles.indexOf(loopbackGuard)).toBe(0);
    },
  );
});
