import { labVitestConfig } from '../../packages/lab/src/lab-vitest-config.ts';

export default labVitestConfig(new URL('.', import.meta.url));
