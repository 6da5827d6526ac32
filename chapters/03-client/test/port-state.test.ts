import { constants } from 'node:os';
import { describe, expect, it } from 'vitest';
import { classifyConnectResult } from '../src/port-state.ts';

const E = constants.errno;

describe('classifyConnectResult', () => {
  it('maps connect_ex results to nmap-style port states', () => {
    expect(classifyConnectResult(0)).toBe('open');
    expect(classifyConnectResult(E.ECONNREFUSED)).toBe('closed');
    expect(classifyConnectResult(E.ETIMEDOUT)).toBe('filtered');
    expect(classifyConnectResult(E.EAGAIN)).toBe('filtered');
    expect(classifyConnectResult(E.EHOSTUNREACH)).toBe('filtered');
  });

  it('never turns a shortage on our side into a port state', () => {
    for (const errno of [E.EMFILE, E.ENFILE, E.EADDRNOTAVAIL, E.ENOBUFS]) {
      expect(classifyConnectResult(errno)).toBe('retry-later');
    }
  });

  it('reports errors it does not expect instead of guessing', () => {
    expect(classifyConnectResult(E.EINVAL)).toBe('error');
  });
});
