// @netprog/testbed/leak-check: proof that tests close what they open.

export { activeResourcesAfterTick } from './after-tick.ts';
export type { Leak, ResourceSnapshot } from './find-leaks.ts';
export { findLeaks, LeakedHandlesError, takeResourceSnapshot } from './find-leaks.ts';
export { describeHandle, openHandleObjects } from './open-handles.ts';
export {
  addedResources,
  countInWords,
  isWatchedResource,
  watchedResources,
} from './resources.ts';
