import { describe, expect, test } from 'vitest';
import type { LabResult } from '../src/grade/types.ts';
import { toJsonReport } from '../src/output/json.ts';
import { toJunitXml } from '../src/output/junit.ts';
import { formatScoreboard } from '../src/output/scoreboard.ts';
import { painter, useColor } from '../src/output/style.ts';

const result: LabResult = {
  lab: { id: 'chapter3', title: 'The TCP client', chapter: 3 },
  target: 'exercises',
  points: 14,
  max: 30,
  passed: 1,
  total: 3,
  duration: 2345,
  integrity: [],
  exercises: [
    {
      id: 'connect',
      title: 'Connect',
      file: 'exercises/connect.ts',
      test: 'tests/connect.test.ts',
      points: 10,
      max: 10,
      status: 'pass',
      message: null,
      duration: 412,
      output: '',
      tests: [{ name: 'connects', status: 'pass', duration: 5 }],
    },
    {
      id: 'request',
      title: 'Send a request',
      file: 'exercises/request.ts',
      test: 'tests/request.test.ts',
      points: 4,
      max: 10,
      status: 'fail',
      message: "sends the request line: expected '' to be 'GET / HTTP/1.1\\r\\n'",
      failure: {
        test: 'sends the request line',
        summary: "expected '' to be 'GET / HTTP/1.1\\r\\n'",
        expected: '"GET / HTTP/1.1\\r\\n"',
        actual: '""',
        location: 'exercises/request.ts:7:3',
      },
      duration: 88,
      output: 'connected\n',
      tests: [
        { name: 'connects first', status: 'pass', duration: 3 },
        {
          name: 'sends the request line',
          status: 'fail',
          duration: 4,
          failure: { summary: "expected '' to be 'GET / HTTP/1.1\\r\\n'" },
        },
      ],
    },
    {
      id: 'scan',
      title: 'Scan <ports> & "more"',
      file: 'exercises/scan.ts',
      test: 'tests/scan.test.ts',
      points: 0,
      max: 10,
      status: 'timeout',
      message: 'stopped',
      failure: { summary: 'stopped' },
      duration: 6500,
      output: '',
      tests: [],
    },
  ],
};

describe('scoreboard', () => {
  test('one row per exercise, the score, the first failure and the hint command', () => {
    const text = formatScoreboard(result, {
      paint: painter(false),
      command: 'pnpm lab chapter3',
      hintCounts: { request: 2 },
      footer: 'Watching exercises/',
    });
    expect(text).toBe(
      [
        'chapter3 · The TCP client  (your exercises)',
        '',
        '  ✓ connect  Connect                10/10  1/1 tests   412 ms',
        '  ✗ request  Send a request          4/10  1/2 tests    88 ms',
        '  ⏱ scan     Scan <ports> & "more"   0/10  timed out    6.5 s',
        '',
        'Score 14/30 · 1 of 3 exercises pass · graded in 2.3 s',
        '',
        '✗ request › sends the request line',
        "    expected '' to be 'GET / HTTP/1.1\\r\\n'",
        '    expected: "GET / HTTP/1.1\\r\\n"',
        '    got:      ""',
        '    at exercises/request.ts:7:3',
        '    your code printed:',
        '    │ connected',
        '  Stuck? pnpm lab chapter3 hint request (2 hints)',
        '',
        'Watching exercises/',
        '',
      ].join('\n'),
    );
  });

  test('warns about changed test files first', () => {
    const text = formatScoreboard(
      {
        ...result,
        integrity: [
          { file: 'tests/a.test.ts', kind: 'changed', message: 'tests/a.test.ts was changed' },
        ],
      },
      { paint: painter(false), command: 'pnpm lab chapter3', hintCounts: {} },
    );
    expect(text.split('\n')[2]).toBe('⚠ tests/a.test.ts was changed');
  });

  test('after a partial re-grade, says what was graded now and marks the other rows', () => {
    const text = formatScoreboard(result, {
      paint: painter(false),
      command: 'pnpm lab chapter3',
      hintCounts: {},
      regraded: { ids: ['request'], reason: 'exercises/request.ts changed' },
    });
    expect(text.split('\n').slice(0, 9)).toEqual([
      'chapter3 · The TCP client  (your exercises)',
      '',
      'Re-graded now: request (exercises/request.ts changed). Rows marked "earlier" are their last results.',
      '',
      '  ✓ connect  Connect                10/10  1/1 tests  earlier',
      '  ✗ request  Send a request          4/10  1/2 tests    88 ms',
      '  ⏱ scan     Scan <ports> & "more"   0/10  timed out  earlier',
      '',
      'Score 14/30 · 1 of 3 exercises pass · re-graded 1 of 3 in 2.3 s',
    ]);
  });

  test('colour follows NO_COLOR, FORCE_COLOR and the terminal', () => {
    expect(useColor({ isTTY: true }, {})).toBe(true);
    expect(useColor({ isTTY: false }, {})).toBe(false);
    expect(useColor({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(useColor({ isTTY: false }, { FORCE_COLOR: '1' })).toBe(true);
    expect(painter(true)('green', 'ok')).toBe('\u001b[32mok\u001b[39m');
  });
});

describe('machine-readable results', () => {
  test('--json carries id, points, max, status, message and duration per exercise', () => {
    const report = toJsonReport(result);
    expect(report).toMatchObject({
      version: 1,
      status: 'fail',
      points: 14,
      max: 30,
      passed: 1,
      total: 3,
      duration: 2345,
    });
    expect(report.exercises[1]).toMatchObject({
      id: 'request',
      points: 4,
      max: 10,
      status: 'fail',
      message: "sends the request line: expected '' to be 'GET / HTTP/1.1\\r\\n'",
      duration: 88,
    });
  });

  test('--junit writes one suite per exercise with its points, escaped', () => {
    const xml = toJunitXml(result);
    expect(xml).toContain(
      '<testsuites name="chapter3" tests="3" failures="2" errors="0" time="2.345">',
    );
    expect(xml).toContain('<property name="points" value="4"/>');
    expect(xml).toContain(
      '<testcase classname="chapter3.request" name="sends the request line" time="0.004">',
    );
    expect(xml).toContain('value="Scan &lt;ports&gt; &amp; &quot;more&quot;"');
    expect(xml).toContain('<system-out>connected\n</system-out>');
    // Balanced tags (a cheap well-formedness check without an XML parser).
    expect(xml.match(/<testsuite /g)?.length).toBe(3);
    expect(xml.match(/<\/testsuite>/g)?.length).toBe(3);
  });
});
