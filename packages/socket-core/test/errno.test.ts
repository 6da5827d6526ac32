import os from 'node:os';
import { isLinux, linuxOnly } from '@netprog/testbed/linux-only/tests';
import { describe, expect, it } from 'vitest';
import { invertErrnoTable, withReferenceRows } from '../src/errno.ts';
import { errnoName, errnoNumber, errnoReference, errorcode, isErrnoName } from '../src/index.ts';

// Linux's numbers written out, checked on the platform whose numbers they are.
const linux = linuxOnly("these are Linux's errno numbers, checked against this machine's");

describe('errorcode (this platform)', () => {
  it('maps the platform numbers of the socket errors back to their names', () => {
    for (const name of ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EADDRINUSE', 'EPIPE']) {
      expect(errorcode[errnoNumber(name)]).toBe(name);
    }
  });

  linux.it('uses the Linux numbers on Linux', () => {
    expect(errorcode[111]).toBe('ECONNREFUSED');
    expect(errorcode[110]).toBe('ETIMEDOUT');
    expect(errorcode[115]).toBe('EINPROGRESS');
    // Python's errno.errorcode shows EAGAIN (not EWOULDBLOCK) for 11.
    expect(errorcode[11]).toBe('EAGAIN');
  });

  it.runIf(process.platform === 'darwin')('uses the macOS numbers on macOS', () => {
    expect(errorcode[61]).toBe('ECONNREFUSED');
    expect(errorcode[35]).toBe('EAGAIN');
  });

  it('keeps the first name when two names share a number', () => {
    expect(invertErrnoTable({ EAGAIN: 11, EWOULDBLOCK: 11, EPIPE: 32 })).toEqual({
      11: 'EAGAIN',
      32: 'EPIPE',
    });
  });
});

describe('errnoReference', () => {
  const column = process.platform === 'darwin' ? 'darwin' : isLinux ? 'linux' : undefined;

  it.runIf(column !== undefined)(`agrees with os.constants.errno for every row (${column})`, () => {
    const fromNode: Readonly<Record<string, number>> = os.constants.errno;
    const unknownToNode = errnoReference.filter((row) => !Object.hasOwn(fromNode, row.name));
    expect(unknownToNode.map((row) => row.name)).toEqual(['ESHUTDOWN', 'EHOSTDOWN']);
    for (const row of errnoReference) {
      if (!Object.hasOwn(fromNode, row.name)) continue;
      expect([row.name, fromNode[row.name]]).toEqual([row.name, row[column ?? 'linux']]);
    }
  });

  linux.it('fills in the names Node lacks (as Python has them)', () => {
    expect(errnoNumber('ESHUTDOWN')).toBe(108);
    expect(errorcode[112]).toBe('EHOSTDOWN');
    expect(withReferenceRows({ EPIPE: 32 }, 'darwin')).toMatchObject({
      EPIPE: 32,
      ESHUTDOWN: 58,
    });
    expect(withReferenceRows({ EPIPE: 32 }, 'win32')).toEqual({ EPIPE: 32 });
  });

  it('covers the errors the course needs, each once', () => {
    const names = errnoReference.map((row) => row.name);
    expect(new Set(names).size).toBe(names.length);
    for (const needed of [
      'EPERM',
      'ENOENT',
      'EINTR',
      'EBADF',
      'EAGAIN',
      'EWOULDBLOCK',
      'EACCES',
      'EADDRINUSE',
      'EADDRNOTAVAIL',
      'ENETUNREACH',
      'ECONNABORTED',
      'ECONNRESET',
      'ENOBUFS',
      'EISCONN',
      'ENOTCONN',
      'ETIMEDOUT',
      'ECONNREFUSED',
      'EHOSTUNREACH',
      'EALREADY',
      'EINPROGRESS',
      'EPIPE',
      'EMSGSIZE',
      'EMFILE',
    ]) {
      expect(names).toContain(needed);
    }
  });

  it('shows that the numbers differ between Linux and macOS', () => {
    const refused = errnoReference.find((row) => row.name === 'ECONNREFUSED');
    expect(refused).toMatchObject({ linux: 111, darwin: 61, python: 'ConnectionRefusedError' });
  });
});

describe('errnoName / errnoNumber', () => {
  it('round-trip', () => {
    expect(errnoName(errnoNumber('ECONNREFUSED'))).toBe('ECONNREFUSED');
  });

  it('explain that 0 is success, not an errno', () => {
    expect(() => errnoName(0)).toThrow(/0 means success/);
  });

  it('reject unknown numbers and names with the value in the message', () => {
    expect(() => errnoName(99_999)).toThrow(/errnoName\(99999\)/);
    expect(() => errnoNumber('ENOPE')).toThrow(/"ENOPE"/);
    expect(() => errnoNumber('toString')).toThrow(RangeError);
  });

  it('tell OS errnos from resolver codes', () => {
    expect(isErrnoName('ECONNREFUSED')).toBe(true);
    expect(isErrnoName('ENOTFOUND')).toBe(false);
  });
});
