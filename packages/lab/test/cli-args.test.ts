// Bad arguments get one line on stderr and exit 2; --help exits 0. Most cases call main() in
// this process (fast); two go through a real process to check the exit code and that no stack
// trace leaks out.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { main } from '../src/cli/main.ts';
import { fakeIo } from './helpers/fake-io.ts';
import { fixturesRoot, runCli } from './helpers/run-cli.ts';
import { copyFixtureLabs } from './helpers/temp-labs.ts';

const run = async (...argv: string[]) => {
  const io = fakeIo();
  const code = await main(['--root', fixturesRoot, ...argv], io);
  return { code, out: io.out(), err: io.err() };
};

describe('user mistakes: one line, exit 2', () => {
  test('unknown lab', async () => {
    expect(await run('chapter9')).toEqual({
      code: 2,
      out: '',
      err: 'pnpm lab: unknown lab "chapter9": choose one of mixed, fair (or a chapter number); `pnpm lab` lists them\n',
    });
  });

  test('unknown exercise', async () => {
    expect(await run('fair', 'hint', 'nope')).toEqual({
      code: 2,
      out: '',
      err: 'pnpm lab: unknown exercise "nope" in fair: choose one of shout, echo\n',
    });
  });

  test('unknown flag', async () => {
    expect(await run('fair', '--fast')).toEqual({
      code: 2,
      out: '',
      err: 'pnpm lab: unknown option --fast: see `pnpm lab --help`\n',
    });
  });

  test('a real process: exit code 2, one line, no stack trace', async () => {
    const result = await runCli(['--root', fixturesRoot, 'nosuchlab', '--once']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^pnpm lab: unknown lab "nosuchlab"/);
    const flag = await runCli(['--root', fixturesRoot, 'fair', 'hint', '--json']);
    expect(flag).toMatchObject({
      code: 2,
      stderr: 'pnpm lab: --json is not an option of "hint"; see `pnpm lab fair hint --help`\n',
    });
  }, 60_000);
});

describe('a folder or file the command names must be there: one line, exit 2', () => {
  const bare = async (argv: string[], env: NodeJS.ProcessEnv = {}, cwd = process.cwd()) => {
    const io = { ...fakeIo(), cwd };
    Object.assign(io.env, env);
    const code = await main(argv, io);
    return { code, out: io.out(), err: io.err() };
  };
  const what = 'give the folder of the course (or a class copy of it), the one that holds labs/';

  test('--root that does not exist (it used to list no labs and exit 0)', async () => {
    expect(await bare(['--root', '/nonexistent'])).toEqual({
      code: 2,
      out: '',
      err: `pnpm lab: --root /nonexistent: /nonexistent does not exist: ${what}\n`,
    });
    const viaEnv = await bare(['list'], { NETPROG_LAB_ROOT: '/nonexistent' });
    expect(viaEnv.err).toBe(
      `pnpm lab: NETPROG_LAB_ROOT /nonexistent: /nonexistent does not exist: ${what}\n`,
    );
    expect(viaEnv.code).toBe(2);
  });

  test('--root that is a file, a folder without labs/, or empty', async () => {
    await using temp = await copyFixtureLabs(['fair']);
    const file = join(temp.root, 'labs', 'fair', 'lab.json');
    expect((await bare(['--root', file])).err).toBe(
      `pnpm lab: --root ${file}: ${file} is not a folder: ${what}\n`,
    );
    const noLabs = join(temp.root, 'labs');
    expect(await bare(['--root', noLabs, 'fair'])).toMatchObject({
      code: 2,
      err: `pnpm lab: --root ${noLabs}: ${noLabs} has no labs/ folder: ${what}\n`,
    });
    expect((await bare(['--root=', 'fair'])).err).toBe(
      'pnpm lab: --root needs a folder, e.g. --root ../netprog\n',
    );
  });

  test('--root relative to the folder the command was typed in', async () => {
    await using temp = await copyFixtureLabs(['fair']);
    const listed = await bare(['--root', '.'], {}, temp.root);
    expect(listed.code, listed.err).toBe(0);
    expect(listed.out).toContain('A fair little lab');
  });

  test('--junit into a folder that does not exist, before any grading', async () => {
    const result = await run('fair', '--junit', '/nonexistent/results.xml');
    expect(result).toEqual({
      code: 2,
      out: '',
      err: 'pnpm lab: --junit /nonexistent/results.xml: the folder /nonexistent does not exist: create it, or write the file elsewhere\n',
    });
  });

  test('a real process: --root /nonexistent is one line and exit 2', async () => {
    const result = await runCli(['--root', '/nonexistent']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  }, 60_000);
});

describe('--help', () => {
  test('on every command, exit 0', async () => {
    const main = await run('--help');
    expect(main.code).toBe(0);
    expect(main.out).toMatch(/^pnpm lab: run, grade and watch the course's labs/);
    for (const [argv, first] of [
      [['fair', '--help'], 'pnpm lab <lab> [options]: grade a lab'],
      [['fair', 'hint', '--help'], 'pnpm lab <lab> hint [exercise]'],
      [['fair', 'reset', '-h'], 'pnpm lab <lab> reset <exercise>'],
      [['verify', '--help'], 'pnpm lab verify [lab]'],
      [['rehash', '--help'], 'pnpm lab rehash [lab]'],
      [['doctor', '--help'], 'pnpm lab doctor: check that this machine can run the course'],
    ] as const) {
      const help = await run(...argv);
      expect(help.code).toBe(0);
      expect(help.out.startsWith(first)).toBe(true);
    }
  });
});

describe('pnpm lab (the list)', () => {
  test('shows every lab, its progress and what to do next', async () => {
    const { code, out } = await run();
    expect(code).toBe(0);
    expect(out).toContain(
      [
        '    mixed  Every way an exercise can go    0/6 exercises     0/14 points  not started',
        '    fair   A fair little lab               0/2 exercises     0/10 points  not started',
      ].join('\n'),
    );
    expect(out).toContain('Next: pnpm lab mixed to start "Every way an exercise can go".');
  });

  test('a lab with a broken lab.json is listed with the reason; selecting it exits 2', async () => {
    await using temp = await copyFixtureLabs(['fair']);
    await mkdir(join(temp.root, 'labs', 'broken'));
    await writeFile(join(temp.root, 'labs', 'broken', 'lab.json'), '{ "id": "broken", ');
    const io = fakeIo();
    expect(await main(['--root', temp.root], io)).toBe(0);
    expect(io.out()).toMatch(/! broken\s+labs\/broken\/lab\.json: not valid JSON/);
    const select = fakeIo();
    expect(await main(['--root', temp.root, 'broken'], select)).toBe(2);
    expect(select.err()).toMatch(/^pnpm lab: labs\/broken\/lab\.json: not valid JSON/);
  });
});
