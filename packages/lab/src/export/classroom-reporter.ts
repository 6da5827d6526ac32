// The last step of a class copy's workflow: GitHub Classroom's reporter
// (classroom-resources/autograding-grading-reporter), which reads each runner's result from
// <RUNNER>_RESULTS, prints them, and writes "Points X/Y" on the job's check run, where the
// Classroom dashboard reads the grade. One runner per exercise of the exported labs (see
// output/classroom.ts for why), each fed from the grading step's output of the same name. Pure.
import { classroomRunnerId } from '../output/classroom.ts';

/** An exported lab and its exercise ids, in lab.json order. */
export interface ExportedLab {
  readonly id: string;
  readonly exercises: readonly string[];
}

/**
 * The reporter step, to append to the workflow's steps.
 * @example
 * classroomReporterStep([{ id: 'chapter3', exercises: ['port-spec'] }]);
 */
export function classroomReporterStep(labs: readonly ExportedLab[]): string {
  const runners = labs.flatMap((lab) => lab.exercises.map((e) => classroomRunnerId(lab.id, e)));
  const env = runners.map(
    (id) => `          ${id.toUpperCase()}_RESULTS: \${{ steps.grade.outputs.${id} }}`,
  );
  return `
      # GitHub Classroom: prints every exercise's tests and writes "Points X/Y" (the grader's own
      # points, summed) where the assignment's dashboard reads it. Runs when the grading failed
      # too (a student's run is red until every exercise passes). The Linux run only: the grade
      # is the one the course is tested on, and one report per push.
      - if: \${{ !cancelled() && matrix.os == 'ubuntu-latest' }}
        uses: classroom-resources/autograding-grading-reporter@v1
        env:
${env.join('\n')}
        with:
          runners: ${runners.join(',')}
`;
}
