// Types of shared-config.mjs (JavaScript because vitest loads a config's package imports with
// plain Node: see there).
import type { UserConfig } from 'vitest/config';

/** Absolute path of the loopback guard's setup file (the first setup file). */
export const loopbackGuard: string;

/** Absolute path of the leak check's setup file (the second setup file). */
export const leakCheck: string;

/** The vitest configuration every workspace starts from. */
export const sharedConfig: UserConfig;
