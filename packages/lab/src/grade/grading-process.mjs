// How the grading process is started: `vitest run --config grading-config.ts` in plain node, in
// its own process group, with the request written to its stdin (grading-config.ts reads it).
//
// This file is JavaScript, not TypeScript, for one reason: speed. `pnpm lab` starts in
// bin/lab.mjs, which calls startEarly() before it makes TypeScript loadable, so that vitest
// (about 0.6 s until it reads its request) starts on the second core while this process loads
// the CLI and finds the lab; run-vitest.ts then takes that process over with
// takeEarly() instead of starting one. Types: grading-process.d.mts.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HELP_FLAGS, NOT_GRADING, VALUE_FLAGS } from '../cli/command-words.mjs';

const configFile = fileURLToPath(new URL('./grading-config.ts', import.meta.url));
const vitestBin = join(
  dirname(createRequire(import.meta.url).resolve('vitest/package.json')),
  'vitest.mjs',
);

/** @type {import('./grading-process.d.mts').GradingProcess | undefined} */
let early;

/**
 * Starts a grading process; it waits for its request on stdin.
 * @param {NodeJS.ProcessEnv} env
 */
export function startGradingProcess(env) {
  const mark = randomBytes(16).toString('hex');
  const child = spawn(process.execPath, [vitestBin, 'run', '--config', configFile], {
    env: { ...gradingEnv(env), [MARK_ENV]: mark },
    stdio: ['pipe', 'pipe', 'pipe'],
    // Its own process group, so that one kill reaches vitest and every test process.
    detached: true,
  });
  marks.set(child, mark);
  return child;
}

/**
 * Every process a grading starts inherits this variable, with a value of its own, unless it
 * clears its environment: after the grading, escaped-processes.ts kills those that left the
 * process group (a grandchild in a session of its own).
 */
export const MARK_ENV = 'NETPROG_GRADING_MARK';

/** @type {WeakMap<object, string>} */
const marks = new WeakMap();

/**
 * The mark in a grading process's environment (see MARK_ENV).
 * @param {object} child
 */
export function gradingMark(child) {
  return marks.get(child);
}

/**
 * Whether a command line may grade: it names something (a lab, or a command whose row in the
 * command table says `earlyStart`), no command that never grades, and no --help. A guess (the
 * real parser is TypeScript, and the lab may not exist): a wrong "yes" costs a vitest start on the
 * other core, killed at exit; a wrong "no" costs only the time this file saves. The words come
 * from the table through command-words.mjs, generated from it.
 * @param {readonly string[]} argv
 */
export function mayGrade(argv) {
  /** @type {string[]} */
  const words = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (HELP_FLAGS.includes(arg)) return false;
    if (VALUE_FLAGS.includes(arg)) {
      i++; // the next word is its value
    } else if (!arg.startsWith('-')) {
      words.push(arg);
    }
  }
  return words.length > 0 && !words.some((word) => NOT_GRADING.includes(word));
}

/**
 * Starts a grading process now if the command line may grade, for takeEarly() to take over.
 * Until then it keeps nothing alive: a command that does not grade exits as if it were not there.
 * @param {readonly string[]} argv
 */
export function startEarly(argv) {
  if (mayGrade(argv)) startSpare();
}

/**
 * Starts a spare grading process, unless one is already waiting, for takeEarly() to take over.
 * bin/lab.mjs starts one before the CLI loads; watch mode starts one after each grading, so that a
 * save pays for its tests only, not for vitest's start (about 0.6 s). A spare keeps nothing
 * alive, and is killed when this process exits (it leaves no file behind: grading-config.ts
 * waits for its request only after vite has deleted its bundled copy of the config). Were this
 * process itself killed first, the spare would see its stdin close and end on its own
 * (readRequest).
 */
export function startSpare() {
  if (early && early.exitCode === null && early.signalCode === null) return;
  const child = startGradingProcess(process.env);
  early = child;
  setKeepAlive(child, false);
}

// A spare not taken (the command did not grade, failed first, or watch mode ended) goes when
// this process does.
process.on('exit', () => {
  if (early) killGroup(early.pid);
});

/** The spare grading process, once, if it is still waiting for its request. */
export function takeEarly() {
  const child = early;
  early = undefined;
  if (!child) return undefined;
  if (child.exitCode !== null || child.signalCode !== null) return undefined;
  setKeepAlive(child, true);
  return child;
}

/** @param {number | undefined} pid */
export function killGroup(pid) {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/**
 * @param {import('./grading-process.d.mts').GradingProcess} child
 * @param {boolean} keep
 */
function setKeepAlive(child, keep) {
  for (const handle of [child, child.stdin, child.stdout, child.stderr]) {
    if (keep) handle.ref();
    else handle.unref();
  }
}

// The grading vitest must not believe it runs inside another vitest (a lab's own test script,
// the runner's tests), and its output is for the log, not a terminal.
/** @param {NodeJS.ProcessEnv} env */
function gradingEnv(env) {
  /** @type {NodeJS.ProcessEnv} */
  const clean = {};
  for (const [key, value] of Object.entries(env)) {
    if (!/^(VITEST|TINYPOOL|NODE_OPTIONS$)/.test(key)) clean[key] = value;
  }
  return { ...clean, FORCE_COLOR: '0', NO_COLOR: '1' };
}
