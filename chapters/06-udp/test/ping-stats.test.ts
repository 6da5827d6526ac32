import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatPing, replySeq } from '../src/ping-message.ts';
import { formatResult, formatSummary, type PingResult, summarise } from '../src/ping-stats.ts';

const reply = (seq: number, rttMs: number): PingResult => ({ seq, outcome: 'reply', rttMs });
const lost = (seq: number): PingResult => ({ seq, outcome: 'timeout' });

describe('summarise', () => {
  it('counts sent, received and loss, and min/avg/max over the replies only', () => {
    expect(summarise([reply(1, 2), lost(2), reply(3, 4), lost(4)])).toEqual({
      sent: 4,
      received: 2,
      lossPercent: 50,
      minMs: 2,
      avgMs: 3,
      maxMs: 4,
    });
  });

  it('has no round-trip times when nothing came back, and no loss when nothing was sent', () => {
    expect(summarise([lost(1), { seq: 2, outcome: 'refused' }])).toMatchObject({
      received: 0,
      lossPercent: 100,
      minMs: null,
      avgMs: null,
      maxMs: null,
    });
    expect(summarise([]).lossPercent).toBe(0);
  });

  it('always has min <= avg <= max and loss = lost / sent', () => {
    const result = fc.oneof(
      fc.record({
        seq: fc.nat(),
        outcome: fc.constant('reply' as const),
        rttMs: fc.double({ min: 0, max: 1e4, noNaN: true }),
      }),
      fc.record({ seq: fc.nat(), outcome: fc.constant('timeout' as const) }),
    );
    fc.assert(
      fc.property(fc.array(result, { minLength: 1 }), (results) => {
        const s = summarise(results);
        const lostCount = results.filter((r) => r.outcome !== 'reply').length;
        expect(s.lossPercent).toBeCloseTo((lostCount * 100) / results.length, 9);
        if (s.minMs !== null && s.avgMs !== null && s.maxMs !== null) {
          expect(s.minMs).toBeLessThanOrEqual(s.avgMs + 1e-9);
          expect(s.avgMs).toBeLessThanOrEqual(s.maxMs + 1e-9);
        }
      }),
    );
  });
});

describe('formatting', () => {
  it('prints each ping and the summary the way ping does', () => {
    expect(formatResult(reply(1, 0.08249), '127.0.0.1:4000')).toBe(
      'Reply from 127.0.0.1:4000: seq=1 time=0.082 ms',
    );
    expect(formatResult(lost(2), '127.0.0.1:4000')).toBe('Request timed out (seq=2)');
    expect(formatSummary(summarise([reply(1, 1), lost(2), reply(3, 2)]), 'h:1')).toBe(
      [
        '--- h:1 UDP ping statistics ---',
        '3 packets transmitted, 2 received, 33.3% packet loss',
        'rtt min/avg/max = 1.000/1.500/2.000 ms',
      ].join('\n'),
    );
    expect(formatSummary(summarise([lost(1)]), 'h:1')).not.toContain('rtt');
  });

  it('writes and reads the ping message, whatever the case of the reply', () => {
    expect(formatPing(7, 1732500000123)).toBe('Ping 7 1732500000123');
    expect(replySeq(Buffer.from('Ping 7 1732500000123'))).toBe(7);
    expect(replySeq(Buffer.from('PING 7 1732500000123'))).toBe(7);
    expect(replySeq(Buffer.from('Ping seven'))).toBeNull();
  });
});
