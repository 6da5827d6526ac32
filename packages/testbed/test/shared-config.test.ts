// The loopback guard and the leak check only protect the tests whose vitest configuration loads
// them. This checks every workspace package, chapter, lab and the docs: each has a
// vitest.config.ts, and the configuration it exports runs both setup files. Each is loaded the way
// the vitest command loads it (vite's loadConfigFromFile: the config bundled with its relative
// imports, its package imports run by plain Node), so a config that only works inside vitest's
// module runner fails here too.
import { existsSync, readdirSync } from 'node:fs';
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

describe('@netprog/testbed/vitest reaches every workspace package', () => {
  it('finds the packages, chapters, labs and docs', () => {
    expect(workspaces).toEqual(expect.arrayContaining(['packages/testbed', 'docs']));
    expect(workspaces.filter((dir) => dir.startsWith('labs/')).length).toBeGreaterThan(0);
  });

  it.each(workspaces)('%s loads the loopback guard and the leak check', async (dir) => {
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
  });
});
