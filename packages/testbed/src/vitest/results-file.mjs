// A vitest reporter that writes every test's outcome to a JSON file, so that a tool running many
// suites (`pnpm soak`, packages/repo-checks) can name each failure with its package, file and
// test instead of scraping the text the default reporter prints. The shared configuration adds it
// when NETPROG_TEST_RESULTS_DIR names a folder; a plain `vitest run` writes nothing.
//
// JavaScript for the reason shared-config.mjs gives. Types: results-file.d.mts.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The environment variable that turns the reporter on, naming the folder it writes into. */
export const RESULTS_DIR_ENV = 'NETPROG_TEST_RESULTS_DIR';

/** An error's message, on one line, short enough to read in a list of failures. */
function oneLine(error) {
  const text = String(error?.message ?? error ?? 'unknown error');
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 300 ? `${flat.slice(0, 297)}...` : flat;
}

function packageName(root) {
  try {
    return JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).name ?? root;
  } catch {
    return root;
  }
}

export class ResultsFileReporter {
  #dir;
  #root = process.cwd();

  /** @param {string} dir the folder to write `<package>-<pid>.json` into */
  constructor(dir) {
    this.#dir = dir;
  }

  onInit(vitest) {
    this.#root = vitest.config.root;
  }

  onTestRunEnd(testModules, unhandledErrors, reason) {
    const tests = [];
    // Failures that belong to no test: a file that did not load, a failing beforeAll/afterAll
    // (the leak check's is one), an error thrown after a test ended.
    const problems = [];
    for (const module of testModules) {
      const file = relative(this.#root, module.moduleId);
      for (const error of module.errors()) problems.push({ file, message: oneLine(error) });
      for (const suite of module.children.allSuites()) {
        for (const error of suite.errors()) {
          problems.push({ file, message: `${suite.fullName}: ${oneLine(error)}` });
        }
      }
      for (const test of module.children.allTests()) {
        const result = test.result();
        const diagnostic = test.diagnostic();
        tests.push({
          file,
          name: test.fullName,
          state: result.state,
          retries: diagnostic?.retryCount ?? 0,
          durationMs: Math.round(diagnostic?.duration ?? 0),
          ...(result.state === 'failed' ? { error: oneLine(result.errors?.[0]) } : {}),
        });
      }
    }
    for (const error of unhandledErrors) problems.push({ file: '', message: oneLine(error) });
    const name = packageName(this.#root);
    mkdirSync(this.#dir, { recursive: true });
    writeFileSync(
      join(this.#dir, `${name.replace(/[^\w.-]+/g, '_')}-${process.pid}.json`),
      `${JSON.stringify({ package: name, reason, tests, problems })}\n`,
    );
  }
}
