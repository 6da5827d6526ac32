// The benchmark helpers every chapter's bench command prints with: tables and medians.
import { describe, expect, it } from 'vitest';
import {
  describeMachine,
  formatMs,
  formatRate,
  formatTable,
  loadAverage,
  median,
} from '../src/bench/index.ts';

describe('benchmark tables', () => {
  it('aligns columns: the first to the left, numbers to the right', () => {
    expect(
      formatTable({
        columns: ['server', 'req/s'],
        rows: [
          ['node:http', '80,123'],
          ['bare', '150,000'],
        ],
      }),
    ).toBe('server       req/s\nnode:http   80,123\nbare       150,000');
  });

  it('takes the median', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
});

describe('what a benchmark says about its machine', () => {
  it('names the CPUs, the kernel, Node and the tools given', () => {
    const line = describeMachine('wrk 4.1.0');
    expect(line).toMatch(/^\d+ vCPUs \(.+\), \S+ \S+, Node v\d+\.\d+\.\d+, wrk 4\.1\.0$/);
    expect(describeMachine()).toMatch(/, Node v\d+\.\d+\.\d+$/);
  });

  it('prints the load averages as uptime does', () => {
    expect(loadAverage()).toMatch(/^\d+\.\d\d \d+\.\d\d \d+\.\d\d$/);
  });

  it('formats rates and milliseconds', () => {
    expect(formatRate(81234.5)).toBe('81,235');
    expect(formatMs(0.384)).toBe('0.38 ms');
    expect(formatMs(12.43)).toBe('12.4 ms');
    expect(formatRate(Number.NaN)).toBe('-');
  });
});
