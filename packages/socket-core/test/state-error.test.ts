// stateError's code is an ErrnoName, so a misspelt code is a compile error. The @ts-expect-error
// below is the proof: `tsc -p .` (the package's typecheck) fails with "Unused '@ts-expect-error'
// directive" the day stateError accepts any string again. The run-time half shows what such a
// typo used to turn into.
import { describe, expect, it } from 'vitest';
import { stateError } from '../src/errors.ts';
import { errnoNumber } from '../src/index.ts';

describe('stateError codes', () => {
  it('takes the errno names the platform table knows', () => {
    const error = stateError('ENOTCONN', 'recv', 'connect() first');
    expect(error).toMatchObject({ code: 'ENOTCONN', errno: errnoNumber('ENOTCONN') });
    expect(error.message).toMatch(/^recv ENOTCONN: .*\(errno \d+\)\. Connect\(\) first$/);
  });

  it('refuses a misspelt code at compile time (it would be errno 0, "failed")', () => {
    // @ts-expect-error 'ENOTCON' is not an errno name: TypeScript must refuse it.
    const typo = stateError('ENOTCON', 'recv', 'connect() first');
    expect(typo.errno).toBe(0);
    expect(typo.message).toBe('recv ENOTCON: failed. Connect() first');
  });
});
