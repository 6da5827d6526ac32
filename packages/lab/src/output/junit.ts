// --junit FILE: the JUnit XML most CI systems display. One <testsuite> per exercise carrying its
// points as properties, one <testcase> per graded test.
import type { LabResult } from '../grade/types.ts';

/**
 * The JUnit XML for a graded lab.
 * @example
 * await writeFile('results.xml', toJunitXml(result));
 */
export function toJunitXml(result: LabResult): string {
  const seconds = (ms: number) => (ms / 1000).toFixed(3);
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  // A timeout is the student's code failing, so a <failure>; <error> is for code that did not run.
  const failures = result.exercises.filter(
    (e) => e.status === 'fail' || e.status === 'timeout',
  ).length;
  const errors = result.exercises.filter((e) => e.status === 'error').length;
  out.push(
    `<testsuites name="${esc(result.lab.id)}" tests="${result.total}" failures="${failures}" errors="${errors}" time="${seconds(result.duration)}">`,
  );
  for (const e of result.exercises) {
    const cases =
      e.tests.length > 0 && e.status !== 'error'
        ? e.tests
        : [{ name: e.id, status: 'fail' as const, duration: e.duration, failure: e.failure }];
    const failed = cases.filter((c) => c.status === 'fail').length;
    out.push(
      `  <testsuite name="${esc(e.id)}" tests="${cases.length}" failures="${e.status === 'error' ? 0 : failed}" errors="${e.status === 'error' ? 1 : 0}" skipped="${cases.filter((c) => c.status === 'skip').length}" time="${seconds(e.duration)}">`,
      '    <properties>',
      `      <property name="title" value="${esc(e.title)}"/>`,
      `      <property name="points" value="${e.points}"/>`,
      `      <property name="max" value="${e.max}"/>`,
      `      <property name="status" value="${e.status}"/>`,
      '    </properties>',
    );
    for (const c of cases) {
      const open = `    <testcase classname="${esc(`${result.lab.id}.${e.id}`)}" name="${esc(c.name)}" time="${seconds(c.duration)}"`;
      if (c.status === 'pass') {
        out.push(`${open}/>`);
        continue;
      }
      const tag = e.status === 'error' ? 'error' : c.status === 'skip' ? 'skipped' : 'failure';
      const message = c.failure?.summary ?? (c.status === 'skip' ? 'not run' : (e.message ?? ''));
      const body = [
        c.failure?.expected !== undefined ? `expected: ${c.failure.expected}` : '',
        c.failure?.actual !== undefined ? `got: ${c.failure.actual}` : '',
        c.failure?.location ? `at ${c.failure.location}` : '',
      ]
        .filter(Boolean)
        .join('\n');
      out.push(
        `${open}>`,
        body
          ? `      <${tag} message="${esc(message)}">${escText(body)}</${tag}>`
          : `      <${tag} message="${esc(message)}"/>`,
        '    </testcase>',
      );
    }
    if (e.output) out.push(`    <system-out>${escText(e.output)}</system-out>`);
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}

// XML 1.0 cannot carry most control characters, even escaped: drop them.
function escText(text: string): string {
  return (
    text
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
      .replace(/[^\u0009\u000a\u000d\u0020-\uD7FF\uE000-\uFFFD]/gu, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
  );
}

// In attributes, line breaks and tabs must be entities or parsers turn them into spaces.
function esc(text: string): string {
  return escText(text)
    .replace(/"/g, '&quot;')
    .replace(/\r/g, '&#13;')
    .replace(/\n/g, '&#10;')
    .replace(/\t/g, '&#9;');
}
