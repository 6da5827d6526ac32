// errnoReference says, for each error, its number on Linux and the OSError subclass Python
// raises for it: both checked against Python's own errno module on this machine (Linux).
import { linuxOnly } from '@netprog/testbed/linux-only/tests';
import { pythonUnavailable, runPython, skipWhenMissing } from '@netprog/testbed/tools';
import { describe, expect } from 'vitest';
import { errnoReference } from '../src/index.ts';

const linux = linuxOnly("the table's Linux column is compared with Python's errno module here");

describe('errnoReference agrees with Python', () => {
  linux.it(
    "the Linux numbers and Python's exception classes",
    { timeout: 40_000 },
    async (context) => {
      if (skipWhenMissing(context, await pythonUnavailable())) return;
      const names = errnoReference.map((entry) => entry.name);
      const printed = await runPython(
        [
          'import errno, json, sys',
          'names = json.loads(sys.argv[1])',
          "print(json.dumps([[getattr(errno, n), type(OSError(getattr(errno, n), 'x')).__name__] for n in names]))",
        ].join('\n'),
        [JSON.stringify(names)],
      );
      const python = JSON.parse(printed) as Array<[number, string]>;
      expect(errnoReference.map((entry) => [entry.linux, entry.python])).toEqual(python);
    },
  );
});
