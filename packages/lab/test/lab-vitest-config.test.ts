// Graded tests run student code, so every lab's vitest configuration keeps each test file in a
// process of its own, although the course's own tests share their workers (testbed's shared
// configuration says why): one exercise's module must not reach another file's tests.
import { sharedConfig } from '@netprog/testbed/vitest';
import { expect, test } from 'vitest';
import { labVitestConfig } from '../src/lab-vitest-config.mjs';

const labDir = new URL('./fixtures/labs/fair/', import.meta.url);

test('the shared configuration lets a worker run file after file', () => {
  expect(sharedConfig.test?.isolate).toBe(false);
});

test('a lab isolates each test file, for exercises and for solutions alike', () => {
  expect(labVitestConfig(labDir, 'exercises').test?.isolate).toBe(true);
  expect(labVitestConfig(labDir, 'solutions').test?.isolate).toBe(true);
});
