import { describe, expect, it } from 'vitest';
import {
  isLoopbackAddress,
  OPT_IN_FLAG,
  resolveScanTarget,
  TargetLookupError,
  TargetRefusedError,
} from '../src/loopback-target.ts';

describe('isLoopbackAddress', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.255.0.9', true],
    ['::1', true],
    ['::ffff:127.0.0.1', true],
    ['0:0:0:0:0:0:0:1', true],
    ['128.0.0.1', false],
    ['10.0.0.1', false],
    ['::ffff:10.0.0.1', false],
    ['0.0.0.0', false],
    ['localhost', false], // a name, not an address: resolve it first
  ])('%s -> %s', (address, expected) => {
    expect(isLoopbackAddress(address)).toBe(expected);
  });
});

describe('resolveScanTarget', () => {
  it('accepts loopback literals without a lookup', async () => {
    const lookup = async () => {
      throw new Error('must not be called');
    };
    await expect(resolveScanTarget('127.0.0.1', { lookup })).resolves.toEqual({
      host: '127.0.0.1',
      address: '127.0.0.1',
      family: 4,
    });
  });

  it('resolves names and refuses one that hides an outside address', async () => {
    const lookup = async () => [
      { address: '127.0.0.1', family: 4 },
      { address: '192.0.2.10', family: 4 },
    ];
    const refused = resolveScanTarget('sneaky.test', { lookup });
    await expect(refused).rejects.toBeInstanceOf(TargetRefusedError);
    await expect(refused).rejects.toThrow(OPT_IN_FLAG);
    await expect(refused).rejects.toThrow('sneaky.test (192.0.2.10)');
  });

  it('refuses an outside literal unless the user opts in', async () => {
    await expect(resolveScanTarget('192.0.2.10')).rejects.toThrow(
      /refusing to scan 192\.0\.2\.10: .*--i-own-this-host/,
    );
    await expect(
      resolveScanTarget('192.0.2.10', { allowNonLoopback: true }),
    ).resolves.toMatchObject({
      address: '192.0.2.10',
    });
  });

  it('resolves localhost to a loopback address', async () => {
    const target = await resolveScanTarget('localhost');
    expect(isLoopbackAddress(target.address)).toBe(true);
  });

  it('turns a failed lookup into a TargetLookupError', async () => {
    const lookup = async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
    };
    await expect(resolveScanTarget('no-such-host.invalid', { lookup })).rejects.toBeInstanceOf(
      TargetLookupError,
    );
  });
});
