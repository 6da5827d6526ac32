// A lab's README tells students what each exercise is worth; lab.json is what the grader uses.
// This reads every place a README states points and compares it with lab.json, so the two
// cannot drift apart. Pure. What counts as a statement of points:
//  - a table row that names an exercise's file (`exercises/port-spec.ts`): its Points column;
//  - a table row whose first cells say Total: the Points column is the lab's total;
//  - a numbered heading `## 2. Title (20 points)`: exercise 2, in lab.json's order;
//  - a heading that ends `(100 points)` without a number: the lab's total.
// Every exercise must be stated at least once.

export interface PointsManifest {
  readonly exercises: readonly {
    readonly id: string;
    readonly file: string;
    readonly points: number;
  }[];
}

/**
 * What the README says that lab.json does not, one line each; empty when they agree.
 * @example
 * readmePointProblems('| `exercises/a.ts` | 10 |', { exercises: [{ id: 'a', file: 'exercises/a.ts', points: 20 }] });
 */
export function readmePointProblems(readme: string, manifest: PointsManifest): string[] {
  const { exercises } = manifest;
  const total = exercises.reduce((sum, e) => sum + e.points, 0);
  const problems: string[] = [];
  const stated = new Set<string>();
  const check = (where: string, said: number, id: string | undefined, expected: number) => {
    if (id !== undefined) stated.add(id);
    if (said !== expected) {
      problems.push(
        `${where} says ${said} points, lab.json ${expected}${id ? ` (exercise "${id}")` : ' (the total)'}: make them agree`,
      );
    }
  };

  let pointsColumn: number | undefined;
  for (const [index, line] of readme.split('\n').entries()) {
    const where = `line ${index + 1}`;
    if (!line.startsWith('|')) {
      pointsColumn = undefined;
      const heading = /^#{2,4}\s+(?:(\d+)\.\s)?.*\((\d+) points?\)\s*$/.exec(line);
      if (!heading) continue;
      const said = Number(heading[2]);
      const exercise = heading[1] === undefined ? undefined : exercises[Number(heading[1]) - 1];
      if (heading[1] === undefined) check(where, said, undefined, total);
      else if (exercise) check(where, said, exercise.id, exercise.points);
      else {
        problems.push(
          `${where}: exercise ${heading[1]} is not in lab.json (${exercises.length} exercises)`,
        );
      }
      continue;
    }
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((cell) => cell.trim());
    if (pointsColumn === undefined) {
      const column = cells.indexOf('Points');
      if (column >= 0) pointsColumn = column;
      continue;
    }
    const said = Number((cells[pointsColumn] ?? '').replaceAll('*', ''));
    if (!Number.isInteger(said)) continue; // the |---| line
    const exercise = exercises.find((e) => cells.some((cell) => cell.includes(`\`${e.file}\``)));
    if (exercise) check(where, said, exercise.id, exercise.points);
    else if (cells.some((cell) => /\bTotal\b/.test(cell))) check(where, said, undefined, total);
  }

  for (const exercise of exercises) {
    if (!stated.has(exercise.id)) {
      problems.push(
        `exercise "${exercise.id}" (${exercise.points} points) is in no points table or numbered heading: add it`,
      );
    }
  }
  return problems;
}
