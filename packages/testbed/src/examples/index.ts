export type { RecordedOutputOptions } from './recorded-output.ts';
export { compareWithRecording, isRecording, normaliseVolatile } from './recorded-output.ts';
export type { ExampleRun, RunExampleOptions } from './run-example.ts';
export { runExample } from './run-example.ts';
export { quotedFigures, unrecordedFigures } from './unrecorded-figures.ts';
