// @netprog/lab: the `pnpm lab` runner and grader, as a library (the CLI is src/cli/main.ts).
export { main } from './cli/main.ts';
export type { Context, Io } from './context.ts';
export { discoverLabs, type FoundLab, selectLab } from './course/discover.ts';
export { LabConfigError, UsageError } from './errors.ts';
export { type Graded, type GradeOptions, gradeLab } from './grade/grade-lab.ts';
export { pointsFor, scoreExercise } from './grade/score.ts';
export type {
  ExerciseResult,
  ExerciseStatus,
  Failure,
  LabResult,
  Target,
  TestResult,
} from './grade/types.ts';
export { labTargetFromEnv, labVitestConfig } from './lab-vitest-config.mjs';
export { checkTestIntegrity, computeHashes, hashText } from './manifest/hash.ts';
export { loadLab } from './manifest/load.ts';
export type { ExerciseManifest, Lab, LabManifest } from './manifest/types.ts';
export { validateManifest } from './manifest/validate.ts';
export { type JsonReport, toJsonReport } from './output/json.ts';
export { toJunitXml } from './output/junit.ts';
export { formatScoreboard } from './output/scoreboard.ts';
