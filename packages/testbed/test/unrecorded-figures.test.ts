import { describe, expect, it } from 'vitest';
import { quotedFigures, unrecordedFigures } from '../src/examples/index.ts';

describe('quotedFigures', () => {
  it('finds decimal times and comma-grouped numbers in prose, not in code or embeds', () => {
    const text = [
      'The scan took 0.68 s (nmap: 2.10 s); 72,506 requests per second, p99 1.5 ms.',
      'A 250 ms timeout and backlog 3 are settings, left alone.',
      '```sh',
      'pnpm bench # 9.99 s',
      '```',
      '<<< @/../outputs/bench.txt 1,234',
    ].join('\n');
    expect(quotedFigures(text)).toEqual(['0.68 s', '2.10 s', '1.5 ms', '72,506']);
  });
});

describe('unrecordedFigures', () => {
  it('keeps the figures no recording contains, unless listed as derived', () => {
    const prose = 'nmap took 2.10 s here and 2.9 s in a run two hours earlier; 0.27 s apart.';
    expect(unrecordedFigures(prose, ['nmap  2.10 s'], ['0.27 s'])).toEqual(['2.9 s']);
  });
});
