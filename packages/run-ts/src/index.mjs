// @ts-check
// What a program needs to start another Node process that runs TypeScript through register.mjs.
import { fileURLToPath } from 'node:url';

/** The absolute path of register.mjs, for `--import`; valid from any working folder. */
export const REGISTER = fileURLToPath(new URL('./register.mjs', import.meta.url));

/**
 * Node's flags that load it: `spawn(process.execPath, [...RUN_TS, 'file.ts'])`.
 * @type {readonly string[]}
 */
export const RUN_TS = Object.freeze(['--import', REGISTER]);
