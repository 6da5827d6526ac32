import { labVitestConfig } from '@netprog/lab/vitest';

export default labVitestConfig(new URL('.', import.meta.url));
