// @netprog/testbed/strangers: another process connecting to a fixture on purpose, for tests of the
// fixtures' stranger filter (src/fixtures/stranger.ts).
export type { Stranger } from './connect-as-stranger.ts';
export { connectAsStranger } from './connect-as-stranger.ts';
