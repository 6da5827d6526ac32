// This chapter's examples take no arguments. A reader who passes one anyway (a host, a port,
// --help) gets one line saying so and exit code 2, as the house rules ask, not a silent run.

/**
 * Ends the process with one line on stderr and exit code 2 when any argument was given.
 *
 * @example
 * refuseArguments('lifecycle.ts'); // `pnpm tsx .../lifecycle.ts 8080` prints "lifecycle.ts takes no arguments ..." and exits 2
 */
export function refuseArguments(example: string, argv: readonly string[] = process.argv): void {
  const given = argv.slice(2);
  if (given.length === 0) return;
  process.stderr.write(
    `${example} takes no arguments (got ${JSON.stringify(given.join(' '))}): it starts every server it needs on loopback\n`,
  );
  process.exit(2);
}
