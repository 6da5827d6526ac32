// Types of grading-process.mjs (JavaScript so that bin/lab.mjs can use it before TypeScript is loadable).
import type { ChildProcessByStdio } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';

/** A grading process: the request goes to stdin; vitest's output and the reporter's trace come out. */
export type GradingProcess = ChildProcessByStdio<Writable, Readable, Readable>;

/** Starts a grading process; it waits for its request on stdin. */
export function startGradingProcess(env: NodeJS.ProcessEnv): GradingProcess;

/** Whether a command line may grade (a guess: see grading-process.mjs). */
export function mayGrade(argv: readonly string[]): boolean;

/** Starts a grading process now if the command line may grade, for takeEarly(). */
export function startEarly(argv: readonly string[]): void;

/** Starts a spare grading process unless one is waiting, for takeEarly() (watch mode, after each grading). */
export function startSpare(): void;

/** The spare grading process, once, if it is still waiting for its request. */
export function takeEarly(): GradingProcess | undefined;

/** The variable every process of a grading inherits, with a value of its own (escaped-processes.ts). */
export const MARK_ENV: string;

/** The value of MARK_ENV in a grading process's environment. */
export function gradingMark(child: GradingProcess): string | undefined;

/** SIGKILLs a process group (a grading process and its test processes); ignores one that is gone. */
export function killGroup(pid: number | undefined): void;
