import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { repositoryRoot } from '../src/repository.ts';
import { packageOf, WORKSPACE_GLOBS, workspacePackages } from '../src/workspace.ts';

test('the checks see the folders pnpm-workspace.yaml makes packages', () => {
  const yaml = readFileSync(join(repositoryRoot, 'pnpm-workspace.yaml'), 'utf8');
  const listed = [
    ...(/^packages:\n((?: {2}- .+\n)+)/m.exec(yaml)?.[1] ?? '').matchAll(/- (.+)/g),
  ].map((match) => match[1]);
  expect(listed).toEqual([...WORKSPACE_GLOBS]);
});

test('a file belongs to the innermost package around it', () => {
  const packages = workspacePackages(repositoryRoot);
  expect(packageOf('packages/lab/src/cli/main.ts', packages).name).toBe('@netprog/lab');
  // Any lab: a class copy exported with --labs has only some of them.
  const lab = packages.find((p) => p.dir.startsWith('labs/'));
  expect(lab, 'no lab package found').toBeDefined();
  expect(packageOf(`${lab?.dir}/tests/x.test.ts`, packages).name).toBe(lab?.name);
  expect(packageOf('turbo.json', packages).name).toBe('(root)');
  expect(
    packages.find((p) => p.name === '@netprog/testbed')?.exports.get('@netprog/testbed/vitest'),
  ).toBe('packages/testbed/src/vitest/shared-config.mjs');
});
