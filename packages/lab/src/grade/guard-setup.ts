// Loaded by vitest inside every test process, before the graded test file and so before any
// exercise code (a setupFile, after worker-setup.ts). It keeps the grading machinery out of the
// exercise's reach, and proves it did:
//  1. it takes the `expect` this process grades with and its Assertion prototype as they are now,
//     and locks them: each property becomes one whose setter records the attempt, no property can
//     be added (`expect.extend` from exercise code is recorded and does nothing);
//  2. reading the running test's name or vitest's state from exercise code
//     (`expect.getState()`, `globalThis[Symbol.for('expect-global')]`, `__vitest_worker__`) is
//     recorded: only the direct caller counts, so vitest reading its own state while an exercise
//     runs is not;
//  3. `require()` from exercise code obeys the lab's import rules (import-rules.ts), like import;
//  4. after each test and at the end, a canary: deliberately failing assertions must still throw,
//     and `expect` and its prototype must still be the ones taken in 1.
// Anything recorded fails the file with a LabTamperError naming what was changed; the grader
// scores the whole file 0 for it (score.ts). Without a sandbox this raises the bar rather than
// closing every door (README: "What grading does not do").
import { createRequire } from 'node:module';
import { relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, expect } from 'vitest';
import { REQUEST_ENV, type SharedRequest } from './grading-request.ts';
import { TAMPER_ERROR } from './guard-names.ts';
import { REFUSE_KEY } from './import-guard.ts';
import { importMessage, importProblem } from './import-rules.ts';

const GLOBAL_EXPECT = Symbol.for('expect-global');
const WORKER_STATE = '__vitest_worker__';

const request = readRequest();
const gradedDir = request ? `${request.labDir}${sep}${request.target}${sep}` : undefined;
const changes: string[] = [];
const record = (what: string) => {
  if (!changes.includes(what)) changes.push(what);
};

// Taken before any exercise code runs: the grader's own tools.
const captureStackTrace = Error.captureStackTrace;
const capturedExpect = expect;
const assertionPrototype = Object.getPrototypeOf(expect(0)) as object;
const getState = expect.getState.bind(expect);
const setState = expect.setState.bind(expect);

if (gradedDir) {
  guardGlobal(GLOBAL_EXPECT, "the test runner's expect (globalThis[Symbol.for('expect-global')])");
  guardGlobal(WORKER_STATE, "the test runner's state (globalThis.__vitest_worker__)");
  replaceOwn(expect, 'getState', function guardedGetState(this: unknown) {
    if (callerIsGraded()) record("read expect.getState() (the running test's name)");
    return getState();
  });
  replaceOwn(expect, 'extend', () => {
    record('called expect.extend (matchers that always pass?)');
  });
  // chai keeps flags on the object an asymmetric matcher (expect.any) is called on: made now,
  // before expect stops taking new properties.
  expect.any(Number);
  lock(expect, 'expect');
  lock(assertionPrototype, 'expect(…)');
  guardRequire();
  // A module the grading process refused to load (import-guard.ts) reports here first.
  Object.defineProperty(globalThis, Symbol.for(REFUSE_KEY), {
    value: (what: string) => record(what),
    writable: false,
    configurable: false,
  });

  // Registered before the test file's hooks, so vitest runs them after the file's own.
  afterEach(() => canary());
  afterAll(() => {
    canary();
    if (changes.length > 0) {
      // What was changed says more than what was reached to change it.
      const ordered = [...changes].sort(
        (a, b) => Number(a.startsWith('reached')) - Number(b.startsWith('reached')),
      );
      const [first, ...more] = ordered;
      const error = new Error(
        `the exercise tampered with the grading: it ${first}${more.length > 0 ? ` (and ${more.length} more: ${more.join('; ')})` : ''}, so the whole file scores 0`,
      );
      error.name = TAMPER_ERROR;
      throw error;
    }
  });
}

function readRequest(): SharedRequest | undefined {
  const text = process.env[REQUEST_ENV];
  if (!text) return undefined;
  try {
    return JSON.parse(text) as SharedRequest;
  } catch {
    return undefined;
  }
}

// Whether the code that called the function calling this one is the graded code (exercises/, or
// solutions/ when those are graded): the first frame past it with a file that is not node's own
// (so `Reflect.get` or `Array.prototype.map` in between hide nothing). No such frame at all (the
// function handed to a promise or a timer as it is) counts as graded: vitest never does that.
// Error.stackTraceLimit and prepareStackTrace are set for the one capture, so exercise code
// cannot blind it by changing them, only by locking them, which is recorded.
function callerIsGraded(): boolean {
  const saved = { limit: Error.stackTraceLimit, prepare: Error.prepareStackTrace };
  const holder: { stack?: unknown } = {};
  let sites: unknown;
  try {
    Error.stackTraceLimit = 12;
    Error.prepareStackTrace = (_error, callSites) => callSites;
    captureStackTrace(holder, callerIsGraded);
    // The stack is made when first read: read it while prepareStackTrace is ours.
    sites = holder.stack;
    Error.stackTraceLimit = saved.limit;
    Error.prepareStackTrace = saved.prepare;
  } catch {
    record(
      "locked Error.stackTraceLimit or Error.prepareStackTrace (to hide who calls the grader's tools)",
    );
    return true;
  }
  if (!Array.isArray(sites)) return true;
  const files = (sites as NodeJS.CallSite[]).slice(1).map((site) => site.getFileName() ?? '');
  const caller = files.find((file) => file !== '' && !file.startsWith('node:'));
  return caller === undefined || isGraded(caller);
}

function isGraded(file: string | undefined): boolean {
  if (!file || !gradedDir) return false;
  const path = file.startsWith('file:') ? fileURLToPath(file) : file;
  return path.startsWith(gradedDir);
}

// A global vitest reads (and sets) itself: the same value behind a getter that notes graded
// callers. It stays configurable, because vitest defines it again in some paths.
function guardGlobal(key: PropertyKey, what: string): void {
  let value = (globalThis as Record<PropertyKey, unknown>)[key];
  Object.defineProperty(globalThis, key, {
    configurable: true,
    enumerable: false,
    get() {
      if (callerIsGraded()) record(`reached ${what}`);
      return value;
    },
    set(next: unknown) {
      if (callerIsGraded()) record(`replaced ${what}`);
      else value = next;
    },
  });
}

function replaceOwn(target: object, key: string, value: unknown): void {
  const descriptor = Object.getOwnPropertyDescriptor(target, key);
  Object.defineProperty(target, key, { ...descriptor, value });
}

// Every property of `target` becomes a getter of its value with a setter that, used on `target`
// itself by exercise code, records the attempt and changes nothing; used by vitest (it extends
// expect again for a test's own `expect`), or on an object that inherits from `target` (an
// assertion setting a flag), it does what the property did. No property can be added, removed or
// redefined.
function lock(target: object, name: string): void {
  for (const key of Reflect.ownKeys(target)) {
    const descriptor = Object.getOwnPropertyDescriptor(target, key);
    if (!descriptor?.configurable) continue;
    const label = `${name}.${String(key)}`;
    const isData = 'value' in descriptor;
    let value: unknown = descriptor.value;
    Object.defineProperty(target, key, {
      configurable: false,
      enumerable: descriptor.enumerable ?? false,
      get: isData ? () => value : descriptor.get,
      set(this: object, next: unknown) {
        if (this === target && callerIsGraded()) record(`replaced ${label}`);
        else if (!isData) descriptor.set?.call(this, next);
        else if (this === target) value = next;
        else {
          Object.defineProperty(this, key, {
            value: next,
            writable: true,
            enumerable: true,
            configurable: true,
          });
        }
      },
    });
  }
  Object.preventExtensions(target);
}

// require() through module.createRequire does not go through vite's resolver (import-guard.ts):
// the same rules, applied where node loads the module.
function guardRequire(): void {
  const Module = createRequire(import.meta.url)('node:module') as {
    _load: (request: string, parent: { filename?: string } | undefined, isMain: boolean) => unknown;
  };
  const load = Module._load;
  const rules = request?.imports;
  Object.defineProperty(Module, '_load', {
    configurable: false,
    writable: false,
    value(
      this: unknown,
      specifier: string,
      parent: { filename?: string } | undefined,
      isMain: boolean,
    ) {
      if (rules && request && parent?.filename && isGraded(parent.filename)) {
        const file = relative(request.labDir, parent.filename).split(sep).join('/');
        const problem = importProblem(file, specifier, {
          folder: rules.folder,
          allowed: rules.allowed,
          exerciseFiles: new Map(rules.exerciseFiles),
        });
        if (problem !== undefined) {
          const message = importMessage(file, specifier, problem, rules.allowed);
          record(`required '${specifier}' (${problem})`);
          throw new Error(message);
        }
      }
      return load.call(this, specifier, parent, isMain);
    },
  });
}

// Deliberately failing assertions must still fail, and expect must still be the one taken at
// the start. The assertions it makes are not counted (expect.assertions(n) still holds).
function canary(): void {
  const { assertionCalls } = getState();
  const failing: [string, () => unknown][] = [
    ['expect(1).toBe(2)', () => capturedExpect(1).toBe(2)],
    ['expect([1]).toEqual([2])', () => capturedExpect([1]).toEqual([2])],
    ["expect('a').toContain('b')", () => capturedExpect('a').toContain('b')],
    ['expect(() => {}).toThrow()', () => capturedExpect(() => {}).toThrow()],
    ['expect(true).not.toBe(true)', () => capturedExpect(true).not.toBe(true)],
  ];
  for (const [what, run] of failing) {
    try {
      run();
      record(`made a failing assertion pass (${what} no longer fails)`);
    } catch {
      // As it must.
    }
  }
  setState({ assertionCalls });
  if (Object.getPrototypeOf(capturedExpect(0)) !== assertionPrototype) {
    record('replaced the prototype of expect()');
  }
}
