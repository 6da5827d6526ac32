import { sharedConfig } from './src/vitest/shared-config.mjs';

export default sharedConfig;
