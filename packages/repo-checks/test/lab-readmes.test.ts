// Each lab's README states the points its lab.json gives (the grader's), exercise by exercise.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { type PointsManifest, readmePointProblems } from '../src/readme-points.ts';
import { repositoryRoot } from '../src/repository.ts';

const manifest: PointsManifest = {
  exercises: [
    { id: 'port-spec', file: 'exercises/port-spec.ts', points: 10 },
    { id: 'connect-ex', file: 'exercises/connect-ex.ts', points: 20 },
  ],
};

describe('readmePointProblems', () => {
  test('a table and headings that agree', () => {
    const readme = [
      '## The exercises (30 points)',
      '',
      '| #   | Exercise  | File                      | Points |',
      '| --- | --------- | ------------------------- | ------ |',
      '| 1   | Port list | `exercises/port-spec.ts`  | 10     |',
      '| 2   | connectEx | `exercises/connect-ex.ts` | 20     |',
      '|     | **Total** |                           | **30** |',
      '',
      '## 1. Read a port list (10 points)',
      '## 2. `connectEx` (20 points)',
    ].join('\n');
    expect(readmePointProblems(readme, manifest)).toEqual([]);
  });

  test('a row, a heading or a total that says otherwise, and an exercise stated nowhere', () => {
    const readme = [
      '| Exercise | File                     | Points |',
      '| -------- | ------------------------ | ------ |',
      '| port     | `exercises/port-spec.ts` | 15     |',
      '| Total    |                          | 35     |',
      '',
      '## 1. Read a port list (12 points)',
      '## The exercises (100 points)',
    ].join('\n');
    expect(readmePointProblems(readme, manifest)).toEqual([
      'line 3 says 15 points, lab.json 10 (exercise "port-spec"): make them agree',
      'line 4 says 35 points, lab.json 30 (the total): make them agree',
      'line 6 says 12 points, lab.json 10 (exercise "port-spec"): make them agree',
      'line 7 says 100 points, lab.json 30 (the total): make them agree',
      'exercise "connect-ex" (20 points) is in no points table or numbered heading: add it',
    ]);
  });
});

const labs = readdirSync(join(repositoryRoot, 'labs')).filter((name) =>
  existsSync(join(repositoryRoot, 'labs', name, 'lab.json')),
);

test('the course has labs to check', () => {
  expect(labs.length).toBeGreaterThan(0);
});

test.each(labs)('labs/%s/README.md states the points lab.json gives', (name) => {
  const dir = join(repositoryRoot, 'labs', name);
  const lab = JSON.parse(readFileSync(join(dir, 'lab.json'), 'utf8')) as PointsManifest;
  expect(readmePointProblems(readFileSync(join(dir, 'README.md'), 'utf8'), lab)).toEqual([]);
});

// The teacher's guide promises it ("Every lab has 100 points"), and a class's grades add labs up.
test.each(labs)('labs/%s gives 100 points in all', (name) => {
  const lab = JSON.parse(
    readFileSync(join(repositoryRoot, 'labs', name, 'lab.json'), 'utf8'),
  ) as PointsManifest;
  expect(lab.exercises.reduce((sum, exercise) => sum + exercise.points, 0)).toBe(100);
});
