import { describe, expect, it } from 'vitest';
import { SocketError } from '../../src/errors.ts';
import {
  AI_CANONNAME,
  AI_PASSIVE,
  eaiCode,
  eaiReference,
  flagNames,
  GaiError,
  toGaiError,
} from '../../src/resolution/index.ts';
import { parseServices } from '../../src/resolution/services.ts';

describe('parseServices', () => {
  it('reads names and aliases per protocol, skipping comments and junk', () => {
    const table = parseServices(
      [
        '# comment',
        'http\t\t80/tcp\t\twww\t# WWW',
        'domain 53/tcp',
        'domain 53/udp',
        'broken line',
        'http 8080/tcp',
      ].join('\n'),
    );
    expect(table.get('http/tcp')).toBe(80); // the first line wins
    expect(table.get('www/tcp')).toBe(80);
    expect(table.get('domain/udp')).toBe(53);
    expect(table.get('http/udp')).toBeUndefined();
    expect(table.size).toBe(4);
  });
});

describe('EAI codes and GaiError', () => {
  it('has the glibc numbers that Python shows on Linux', () => {
    const linux = Object.fromEntries(eaiReference.map((e) => [e.name, e.linux]));
    expect(linux).toMatchObject({
      EAI_BADFLAGS: -1,
      EAI_NONAME: -2,
      EAI_AGAIN: -3,
      EAI_SERVICE: -8,
      EAI_ADDRFAMILY: -9,
    });
    expect(() => eaiCode('EAI_NOPE')).toThrow(/unknown getaddrinfo error EAI_NOPE/);
  });

  it('maps Node and c-ares codes to the EAI name glibc would use, and is a SocketError', () => {
    const cases: Array<[string, string]> = [
      ['ENOTFOUND', 'EAI_NONAME'],
      ['ENODATA', 'EAI_NODATA'],
      ['EAI_AGAIN', 'EAI_AGAIN'],
      ['ETIMEOUT', 'EAI_AGAIN'],
      ['ECONNREFUSED', 'EAI_AGAIN'],
    ];
    for (const [code, eai] of cases) {
      const error = toGaiError(
        Object.assign(new Error('x'), { code, syscall: 'queryA' }),
        'web.test',
      );
      expect(error).toBeInstanceOf(GaiError);
      expect(error).toBeInstanceOf(SocketError);
      expect((error as GaiError).eai).toBe(eai);
      expect((error as GaiError).errno).toBe(eaiCode(eai).errno);
      expect((error as GaiError).syscall).toBe('queryA');
    }
  });

  it('passes errors that are not resolution failures through untouched', () => {
    const bug = new TypeError('not a resolution error');
    expect(toGaiError(bug, 'x')).toBe(bug);
    const cancelled = Object.assign(new Error('cancelled'), { code: 'ECANCELLED' });
    expect(toGaiError(cancelled, 'x')).toBe(cancelled);
  });

  it('names flags', () => {
    expect(flagNames(AI_PASSIVE | AI_CANONNAME)).toEqual(['AI_PASSIVE', 'AI_CANONNAME']);
  });
});
