// A test that reads a file turbo does not count as one of its inputs cannot fail: change the
// file, and `pnpm test` replays the cached pass. The READMEs are the case that happened: four
// packages test that their README tells the truth (its example is the real file, its outputs are
// recordings), while the root turbo.json left every README.md out of `test`'s inputs.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { repositoryRoot } from '../src/repository.ts';
import { workspacePackages } from '../src/workspace.ts';

interface TurboJson {
  tasks?: Record<string, { inputs?: string[] }>;
}

const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as TurboJson;
const rootTest = readJson(join(repositoryRoot, 'turbo.json')).tasks?.test?.inputs ?? [];

/** The `test` task's inputs for a package: its own turbo.json's, else the root's. */
function testInputs(dir: string): string[] {
  try {
    return readJson(join(repositoryRoot, dir, 'turbo.json')).tasks?.test?.inputs ?? rootTest;
  } catch {
    return rootTest;
  }
}

/** Test files of a package that open its own README.md. */
function testsReadingReadme(dir: string): string[] {
  const found: string[] = [];
  for (const folder of ['test', 'tests']) {
    let files: string[];
    try {
      files = readdirSync(join(repositoryRoot, dir, folder), { recursive: true, encoding: 'utf8' });
    } catch {
      continue;
    }
    for (const file of files.filter((f) => f.endsWith('.test.ts'))) {
      const text = readFileSync(join(repositoryRoot, dir, folder, file), 'utf8');
      if (/['"`](?:\.\.\/)*README\.md['"`]/.test(text)) found.push(`${folder}/${file}`);
    }
  }
  return found;
}

test("a package whose tests read its README keeps README.md among its test task's inputs", () => {
  const wrong = workspacePackages(repositoryRoot)
    .filter((p) => p.dir !== '.')
    .flatMap((p) => {
      const readers = testsReadingReadme(p.dir);
      return readers.length > 0 && testInputs(p.dir).includes('!README.md')
        ? [`${p.dir} (${readers.join(', ')})`]
        : [];
    });
  expect(wrong, 'remove "!README.md" from their `test` inputs in turbo.json').toEqual([]);
});

test('the check finds the tests that read a README', () => {
  expect(testsReadingReadme('packages/lab')).toContain('test/readme-outputs.test.ts');
});
