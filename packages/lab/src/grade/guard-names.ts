// The name of the error guard-setup.ts fails a test file with when exercise code tampered with
// the grading; score.ts scores such a file 0. A file of its own: score.ts must not load the guard
// (it locks vitest's expect as it loads).
export const TAMPER_ERROR = 'LabTamperError';
