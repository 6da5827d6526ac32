import { describe, expect, it } from 'vitest';
import { parseModelArgs, parseServerArgs } from '../src/cli-args.ts';

describe('parseServerArgs', () => {
  it('reads a directory, a port and --demo', () => {
    expect(parseServerArgs(['site', '--port', '8080', '--demo'])).toEqual({
      dir: 'site',
      port: 8080,
      demo: true,
    });
    expect(() => parseServerArgs(['--port', '70000'])).toThrow(/from 0 to 65535, got "70000"/);
  });
});

describe('parseModelArgs', () => {
  it('defaults to port 0 and 2 workers', () => {
    expect(parseModelArgs([])).toEqual({ port: 0, workers: 2, demo: false });
    expect(parseModelArgs(['--workers', '4', '--demo'])).toEqual({
      port: 0,
      workers: 4,
      demo: true,
    });
  });

  it('refuses what the server does not take, saying what it does', () => {
    expect(() => parseModelArgs(['--workers', '4'], { demo: true })).toThrow(
      'unknown argument --workers; use [--port N] [--demo]',
    );
    expect(() => parseModelArgs(['--demo'], {})).toThrow('unknown argument --demo; use [--port N]');
    expect(() => parseModelArgs(['--workers', '0'])).toThrow(/from 1 to 64, got "0"/);
  });
});
