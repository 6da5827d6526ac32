import { defineCommand, UsageError } from '@netprog/cli';
import { describe, expect, it } from 'vitest';
import { DEMO_OPTION, PORT_OPTION, WORKERS_OPTION } from '../src/server-options.ts';

const server = defineCommand({
  name: 'prefork-server.ts',
  options: { port: PORT_OPTION, workers: WORKERS_OPTION, demo: DEMO_OPTION },
});

describe("the servers' shared options", () => {
  it('default to port 0 (any free port), 2 workers, no demo', () => {
    expect(server.parse([])).toEqual({ port: 0, workers: 2, demo: false });
    expect(server.parse(['--port', '8080', '--workers=4', '--demo'])).toEqual({
      port: 8080,
      workers: 4,
      demo: true,
    });
    expect(server.usage).toBe('usage: prefork-server.ts [--port N] [--workers N] [--demo]');
  });

  it('refuse ports and worker counts out of range, negative ones included', () => {
    expect(() => server.parse(['--port', '70000'])).toThrow(
      new UsageError('--port must be a whole number from 0 to 65535, got "70000"'),
    );
    expect(() => server.parse(['--port', '-1'])).toThrow(/from 0 to 65535, got "-1"/);
    expect(() => server.parse(['--workers', '0'])).toThrow(/--workers must be .* from 1 to 64/);
  });
});
