// Hints reveal one more each time; reset restores the starter after confirmation and keeps the
// student's file. Runs main() in this process on a temporary copy of the `fair` lab.
import { execFileSync } from 'node:child_process';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { main } from '../src/cli/main.ts';
import { loadLab } from '../src/manifest/load.ts';
import { snapshotStarters } from '../src/state/starters.ts';
import { fakeIo } from './helpers/fake-io.ts';
import { copyFixtureLabs } from './helpers/temp-labs.ts';

const run = async (root: string, ...argv: string[]) => {
  const io = fakeIo();
  const code = await main(['--root', root, ...argv], io);
  return { code, out: io.out(), err: io.err() };
};

describe('hint', () => {
  test('reveals one more hint each time, then says it was the last', async () => {
    await using temp = await copyFixtureLabs(['fair']);
    const first = await run(temp.root, 'fair', 'hint', 'shout');
    expect(first.code).toBe(0);
    expect(first.out).toBe(
      [
        'Hints for shout (Shout a line): 1 of 2',
        '',
        '  1. String.prototype.toUpperCase()',
        '',
        'Still stuck? Ask again for the next one: pnpm lab fair hint shout',
        '',
      ].join('\n'),
    );
    const second = await run(temp.root, 'shouting', 'hint', 'sh');
    expect(second.out).toContain('Hints for shout (Shout a line): 2 of 2');
    expect(second.out).toContain('  2. Add the "!" after upper-casing.');
    expect(second.out).toContain('That was the last hint.');
    const third = await run(temp.root, 'fair', 'hint', 'shout');
    expect(third.out).toContain('2 of 2');
  });

  test('without an exercise, hints are for the first unfinished one', async () => {
    await using temp = await copyFixtureLabs(['fair']);
    expect((await run(temp.root, '2', 'hint')).out).toMatch(/^Hints for shout/);
  });
});

describe('reset', () => {
  const edit = (root: string) =>
    writeFile(
      join(root, 'labs/fair/exercises/shout.ts'),
      'export const shout = (s: string) => s;\n',
    );

  test('asks for --yes without a terminal, and changes nothing', async () => {
    await using temp = await copyFixtureLabs(['fair']);
    await snapshotStarters(await loadLab(temp.labDir('fair')));
    await edit(temp.root);
    const result = await run(temp.root, 'fair', 'reset', 'shout');
    expect(result).toEqual({
      code: 2,
      out: '',
      err: 'pnpm lab: reset would replace labs/fair/exercises/shout.ts: confirm with --yes (there is no terminal to ask in)\n',
    });
  });

  test('restores the starter it saw earlier and backs up the student’s file', async () => {
    await using temp = await copyFixtureLabs(['fair']);
    const starter = await readFile(join(temp.root, 'labs/fair/exercises/shout.ts'), 'utf8');
    await snapshotStarters(await loadLab(temp.labDir('fair'))); // what every grading does
    await edit(temp.root);
    const result = await run(temp.root, 'fair', 'reset', 'shout', '--yes');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(
      /^Restored labs\/fair\/exercises\/shout\.ts to its starter\.\nYour version is saved as labs\/fair\/\.lab\/backups\/shout\.[\dT-]+Z\.ts\n$/,
    );
    expect(await readFile(join(temp.root, 'labs/fair/exercises/shout.ts'), 'utf8')).toBe(starter);
    const [backup] = await readdir(join(temp.root, 'labs/fair/.lab/backups'));
    expect(await readFile(join(temp.root, 'labs/fair/.lab/backups', backup ?? ''), 'utf8')).toBe(
      'export const shout = (s: string) => s;\n',
    );
    expect((await run(temp.root, 'fair', 'reset', 'shout')).out).toBe(
      'labs/fair/exercises/shout.ts is already the starter: nothing to do.\n',
    );
  });

  test('finds the starter in git history when no copy was kept', async () => {
    await using temp = await copyFixtureLabs(['fair']);
    const git = (...args: string[]) =>
      execFileSync('git', ['-C', temp.root, ...args], {
        stdio: 'ignore',
        env: {
          ...process.env,
          GIT_AUTHOR_NAME: 't',
          GIT_AUTHOR_EMAIL: 't@localhost',
          GIT_COMMITTER_NAME: 't',
          GIT_COMMITTER_EMAIL: 't@localhost',
        },
      });
    git('init', '-q');
    git('add', 'labs');
    git('commit', '-q', '-m', 'starters');
    await edit(temp.root);
    git('commit', '-q', '-am', 'my work');
    await rm(join(temp.root, 'labs/fair/.lab'), { recursive: true, force: true });
    const result = await run(temp.root, 'fair', 'reset', 'shout', '-y');
    expect(result.code).toBe(0);
    expect(await readFile(join(temp.root, 'labs/fair/exercises/shout.ts'), 'utf8')).toContain(
      "throw new Error('TODO: write shout()')",
    );
  });

  test('says so when the starter cannot be found', async () => {
    await using temp = await copyFixtureLabs(['fair']);
    await edit(temp.root);
    const result = await run(temp.root, 'fair', 'reset', 'shout', '--yes');
    expect(result.code).toBe(1);
    expect(result.err).toMatch(
      /^cannot reset shout: no copy of the starter of exercises\/shout\.ts was found/,
    );
  });
});
