// The dev container (for students on macOS or Windows, and Codespaces) must set up the course the
// way the README tells everyone to: its postCreateCommand is the README's install command.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';

const root = new URL('../../../', import.meta.url);
const read = (path: string) => readFile(new URL(path, root), 'utf8');

describe('.devcontainer', () => {
  it("parses, and its postCreateCommand is the README's install command", async () => {
    const config = JSON.parse(await read('.devcontainer/devcontainer.json')) as {
      postCreateCommand?: unknown;
      build?: { dockerfile?: unknown };
    };
    expect(typeof config.postCreateCommand).toBe('string');
    // The README's first command installs, then grades lab 3 (which a container build must not).
    const readme = await read('README.md');
    const start = /## Start in two commands[\s\S]*?```sh\n(.*)\n```/.exec(readme)?.[1];
    expect(start).toBe(`${config.postCreateCommand} && pnpm lab chapter3`);
    expect(config.build?.dockerfile).toBe('Dockerfile');
  });

  it('installs Node 20 and the system tools the course uses', async () => {
    const dockerfile = await read('.devcontainer/Dockerfile');
    expect(dockerfile).toMatch(/^FROM \S+:1-20-bookworm$/m);
    for (const tool of ['chromium', 'iproute2', 'nmap', 'wrk', 'python3']) {
      expect(dockerfile).toMatch(new RegExp(`install [^\\n]*\\n?.*\\b${tool}\\b`));
    }
  });
});
