// "Every public function has a doc comment with a short example" (issue 2), checked rather than
// promised: a new export without one fails here, with its name. A member that only hands back a
// value (a getter, fileno(), gettimeout()) needs the comment but no example (issue 21). And the
// examples are code: every @example in src/ must compile against the package as it is now.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileExamples, examplesIn, extractExamples } from './support/doc-examples.ts';
import { undocumentedExports } from './support/undocumented.ts';

const packageFile = (relative: string): string =>
  fileURLToPath(new URL(`../${relative}`, import.meta.url));

/**
 * Known gaps in src/dgram/datagram-queue.ts, which is being reworked together with the UDP
 * socket and gets its examples there. Listed so the gap stays visible; once a member has its
 * example, the second assertion below asks for it to be taken off this list.
 */
const PENDING_IN_DGRAM = [
  'DatagramQueue.changed',
  'DatagramQueue.push',
  'DatagramQueue.setLimit',
  'DatagramQueue.take',
  'DatagramQueue.wake',
];

describe('doc comments', () => {
  it('every exported function, class and method has a doc comment, with an @example unless it only hands back a value', () => {
    const undocumented = undocumentedExports(packageFile('src/index.ts'));
    expect(undocumented.filter((name) => !PENDING_IN_DGRAM.includes(name))).toEqual([]);
    // Documented since: remove these from PENDING_IN_DGRAM.
    expect(PENDING_IN_DGRAM.filter((name) => !undocumented.includes(name))).toEqual([]);
  });

  // A deliberately broken example beside src/'s, compiled in the same program: one program for
  // all of them takes a few seconds, most of it reading @types/node.
  const fixture = packageFile('test/fixtures/doc-examples/broken.ts');
  let compiled: { examples: number; errors: string[] } | undefined;
  const compileAll = (): { examples: number; errors: string[] } => {
    if (compiled) return compiled;
    const examples = [...extractExamples(packageFile('src')), ...examplesIn(fixture)];
    const errors = compileExamples(
      examples,
      packageFile('tsconfig.json'),
      packageFile('src/index.ts'),
    );
    compiled = { examples: examples.length, errors };
    return compiled;
  };

  it('every @example in src/ compiles against the package', { timeout: 60_000 }, () => {
    const { examples, errors } = compileAll();
    expect(examples).toBeGreaterThan(100);
    expect(errors.filter((error) => !error.startsWith(fixture))).toEqual([]);
  });

  it('an example that no longer compiles fails, named by file and line', {
    timeout: 60_000,
  }, () => {
    expect(examplesIn(fixture).map((example) => example.line)).toEqual([8, 18]);
    expect(compileAll().errors.filter((error) => error.startsWith(fixture))).toEqual([
      `${fixture}:19: Argument of type 'string' is not assignable to parameter of type 'number'.`,
    ]);
  });
});
