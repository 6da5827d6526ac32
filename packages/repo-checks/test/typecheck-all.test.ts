// `pnpm test` type-checks every package except the docs as ONE program (tsconfig.all.json at the
// root): checked package by package, each program would parse @types/node and the shared
// packages' sources again. That is only honest while the one program checks every file each
// package's own tsconfig.json does, with the same options.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { expect, test } from 'vitest';
import { repositoryRoot } from '../src/repository.ts';
import { workspacePackages } from '../src/workspace.ts';

function parsed(configFile: string): ts.ParsedCommandLine {
  const result = ts.getParsedCommandLineOfConfigFile(
    configFile,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (result === undefined) throw new Error(`cannot read ${configFile}`);
  return result;
}

/** Packages type-checked as programs of their own by their `typecheck:all` script. */
const OWN_PROGRAM = ['docs'];

// A class copy exported with --labs has no docs/ (its own pnpm test runs this file too).
const ownPrograms = OWN_PROGRAM.filter((dir) =>
  existsSync(join(repositoryRoot, dir, 'package.json')),
);

test.each(ownPrograms)('%s checks itself in pnpm test (its typecheck:all script)', (dir) => {
  const json = JSON.parse(readFileSync(join(repositoryRoot, dir, 'package.json'), 'utf8')) as {
    scripts?: Record<string, string>;
  };
  expect(json.scripts?.['typecheck:all']).toBe('tsc -p .');
});

const all = parsed(join(repositoryRoot, 'tsconfig.all.json'));
const allFiles = new Set(all.fileNames);
const packages = workspacePackages(repositoryRoot).filter(
  // The docs are their own program (the DOM's types).
  (p) => p.name !== '(root)' && !OWN_PROGRAM.includes(p.dir),
);

test.each(packages.map((p) => [p.name, p.dir]))('%s: every file, the same options', (_, dir) => {
  const own = parsed(join(repositoryRoot, dir, 'tsconfig.json'));
  expect(own.fileNames.length).toBeGreaterThan(0);
  const missing = own.fileNames.filter((file) => !allFiles.has(file));
  expect(missing, `add their folders to tsconfig.all.json's "include"`).toEqual([]);
  // configFilePath differs by design; every option that changes the checking must not.
  const { configFilePath: _own, ...ownOptions } = own.options;
  const { configFilePath: _all, ...allOptions } = all.options;
  expect(ownOptions).toEqual(allOptions);
});
