// The grading process starts from the environment the command was given (Context's io.env),
// not from the environment of the process the command runs in. The lab tests run the CLI inside
// their own process (helpers/run-cli-in-process.ts): without this, every grading they start would
// inherit the test run's variables instead of the clean ones cliEnv() gives a CLI.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { runVitest } from '../src/grade/run-vitest.ts';
import { budgetOf, timeoutOf } from '../src/manifest/types.ts';
import { copyFixtureLabs } from './helpers/temp-labs.ts';

const PROBE = 'NETPROG_GRADING_ENV_PROBE';

test("a grading's test processes see the environment of the request, not this process's", async () => {
  expect(process.env[PROBE], 'the probe must not be set in this process').toBeUndefined();
  await using temp = await copyFixtureLabs(['fair']);
  const labDir = temp.labDir('fair');
  await writeFile(
    join(labDir, 'tests', 'env-probe.test.ts'),
    [
      "import { expect, test } from 'vitest';",
      `test('sees the probe', () => expect(process.env.${PROBE}).toBe('from the request'));`,
      '',
    ].join('\n'),
  );
  const run = await runVitest({
    labDir,
    target: 'exercises',
    env: { ...process.env, [PROBE]: 'from the request' },
    files: [
      { testFile: 'tests/env-probe.test.ts', timeoutMs: timeoutOf({}), budgetMs: budgetOf({}) },
    ],
  });
  expect(
    run.modules.map((m) => m.tests.map((t) => t.state)),
    run.log,
  ).toEqual([['passed']]);
}, 60_000);
