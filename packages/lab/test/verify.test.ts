// `pnpm lab verify`: a fair lab passes; an unfair one is reported test by test.
import { expect, test } from 'vitest';
import { fixturesRoot } from './helpers/run-cli.ts';
import { runCliInProcess } from './helpers/run-cli-in-process.ts';

test('a fair lab verifies', async () => {
  const result = await runCliInProcess(['--root', fixturesRoot, 'verify', 'fair'], {
    timeoutMs: 230_000,
  });
  expect(result.stdout).toMatch(
    new RegExp(
      [
        'fair · A fair little lab',
        '  ✓ graded test files match lab.json \\(2 files\\)',
        '  ✓ exercises/ holds the recorded starters',
        '  ✓ starters: 0/10 points, each of 3 graded tests fails  \\(.+\\)',
        '  ✓ solutions: 10/10 points, each of 3 graded tests passes  \\(.+\\)',
        '  ✓ mutants: 2 recorded mutants, each loses points \\(0/10 points in all\\)  \\(.+\\)',
        '',
        'verify: the lab is fair',
      ].join('\\n'),
    ),
  );
  expect(result.code, result.stdout + result.stderr).toBe(0);
}, 240_000);

test('--skip-mutants checks starters and solutions, and says the mutants were left out', async () => {
  const result = await runCliInProcess(
    ['--root', fixturesRoot, 'verify', 'fair', '--skip-mutants'],
    {
      timeoutMs: 110_000,
    },
  );
  expect(result.stdout).toContain('  ✓ solutions: 10/10 points, each of 3 graded tests passes');
  expect(result.stdout).toContain(
    '  - mutants not graded (--skip-mutants: `pnpm test:mutants` grades them)',
  );
  expect(result.stdout).not.toContain('recorded mutants');
  expect(result.code, result.stdout + result.stderr).toBe(0);
}, 120_000);

test('an unfair lab is reported by name and fails', async () => {
  const result = await runCliInProcess(['--root', fixturesRoot, 'verify', 'mixed'], {
    timeoutMs: 230_000,
  });
  expect(result.code, result.stdout + result.stderr).toBe(1);
  expect(result.stdout).toContain(
    '  ✗ starters: 5/14 points; each starter must load and fail every graded test',
  );
  expect(result.stdout).toContain('      - starter of "add" passes "adds small numbers"');
  expect(result.stdout).toContain('      - starter of "greet" passes "returns a string"');
  expect(result.stdout).toContain('      - starter of "leaky" passes "listens on a loopback port"');
  expect(result.stdout).toContain(
    '      - starter of "spin" hangs: counts down from 3: never finished',
  );
  expect(result.stdout).toContain(
    '      - starter of "broken" does not run: could not load the exercise',
  );
  expect(result.stdout).toContain('  ✓ solutions: 14/14 points, each of 8 graded tests passes');
  expect(result.stdout).toContain('  ✗ mutants: 2 recorded mutants; each must lose points');
  expect(result.stdout).toContain(
    '      - mutants/add/operands-swapped.ts keeps full points (2/2): tests/add.test.ts cannot tell this mistake from the solution; add a test that fails on it',
  );
  expect(result.stdout).toContain(
    '      - mutants/subtract/ is named after no exercise of lab.json, so its mutants are never graded',
  );
  expect(result.stdout).not.toContain('drops-signs');
  expect(result.stdout).toContain('verify: 1 of 1 lab has problems (see above)');
}, 240_000);
