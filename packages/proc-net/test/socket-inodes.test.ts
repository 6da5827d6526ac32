// The fd → socket join reads /proc, which only Linux has: elsewhere it says so in one line.
import { describe, expect, it } from 'vitest';
import { ProcUnavailableError, socketInodesOf, socketOwners } from '../src/socket-inodes.ts';

describe('socketInodesOf and socketOwners off Linux', () => {
  it('reject with one line naming the call, /proc and Linux, not an ENOENT', async () => {
    const inodes = socketInodesOf('self', 'darwin');
    await expect(inodes).rejects.toBeInstanceOf(ProcUnavailableError);
    await expect(inodes).rejects.toThrow(
      "socketInodesOf() reads Linux's /proc/<pid>/fd; darwin has no /proc. It works on Linux only; on macOS `lsof -nP -i` shows which process holds which socket.",
    );
    await expect(socketOwners('win32')).rejects.toMatchObject({
      code: 'ERR_NETPROG_UNSUPPORTED',
      platform: 'win32',
      message: expect.stringMatching(
        /^socketOwners\(\) reads Linux's \/proc\/<pid>\/fd; win32 has no \/proc\./,
      ),
    });
  });
});
