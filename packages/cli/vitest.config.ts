import { sharedConfig } from '@netprog/testbed/vitest';

export default sharedConfig;
