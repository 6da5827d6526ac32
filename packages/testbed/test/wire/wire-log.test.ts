// The recording store: bounded in bytes, events and transcripts, copying only what it keeps.
import { describe, expect, it } from 'vitest';
import { listenEcho } from '../../src/fixtures/index.ts';
import { converse } from '../../src/wire/record/recording-client.ts';
import { bytesSent } from '../../src/wire/record/transcript.ts';
import {
  runWithWireLog,
  setDefaultWireLog,
  WireLog,
  wireLogFor,
} from '../../src/wire/record/wire-log.ts';

const server = ['127.0.0.1', 41873] as const;
const open = (wire: WireLog) =>
  wire.open({
    protocol: 'tcp',
    fixture: 'server',
    label: 'echo',
    server,
    client: ['127.0.0.1', 5],
  });

describe('WireLog', () => {
  it('keeps bytes up to the cap per side, counts the rest, and records offsets', () => {
    const wire = new WireLog({ maxBytes: 10 });
    const record = open(wire);
    record.data('client', Buffer.from('0123456'));
    record.data('client', Buffer.from('789abcdef'));
    record.data('client', Buffer.from('more'));
    record.data('server', 'hi there', 'utf8');
    const [t] = wire.transcripts();
    const sizes = t!.events.map((e) =>
      e.kind === 'data' ? [e.from, e.offset, e.size, e.bytes.length] : e.kind,
    );
    expect(sizes).toEqual([
      ['client', 0, 7, 7],
      ['client', 7, 9, 3],
      ['client', 16, 4, 0],
      ['server', 0, 8, 8],
    ]);
    expect(t!.totals).toEqual({ client: 20, server: 8 });
    expect(bytesSent(t!, 'client')).toEqual({ bytes: Buffer.from('0123456789'), complete: false });
    expect(bytesSent(t!, 'server')).toEqual({ bytes: Buffer.from('hi there'), complete: true });
  });

  it("copies the kept bytes: changing the caller's buffer later changes nothing", () => {
    const wire = new WireLog();
    const chunk = Buffer.from('hello');
    open(wire).data('client', chunk);
    chunk.fill(0);
    const [event] = wire.transcripts()[0]!.events;
    expect(event?.kind === 'data' && Buffer.from(event.bytes).toString()).toBe('hello');
  });

  it('encodes no more of a string than it keeps', () => {
    const wire = new WireLog({ maxBytes: 4 });
    open(wire).data('server', 'héllo wörld', 'utf8');
    const [event] = wire.transcripts()[0]!.events;
    expect(
      event?.kind === 'data' && [event.size, Buffer.from(event.bytes).toString('latin1')],
    ).toEqual([13, Buffer.from('hél').toString('latin1')]);
  });

  it('counts data events past the event cap in one gap, keeping FIN and RST in place', () => {
    const wire = new WireLog({ maxEvents: 2 });
    const record = open(wire);
    for (let i = 0; i < 5; i++) record.data(i % 2 ? 'server' : 'client', Buffer.from('ab'));
    record.fin('client');
    record.data('server', Buffer.from('late'));
    const kinds = wire
      .transcripts()[0]!
      .events.map((e) =>
        e.kind === 'gap' ? `gap ${e.events} (${e.clientBytes}/${e.serverBytes})` : e.kind,
      );
    expect(kinds).toEqual(['data', 'data', 'gap 3 (4/2)', 'fin', 'gap 1 (0/4)']);
  });

  it('stops recording new connections past its cap, and counts them', () => {
    const wire = new WireLog({ maxTranscripts: 2 });
    for (let i = 0; i < 5; i++) open(wire).connect();
    expect(wire.transcripts()).toHaveLength(2);
    expect(wire.untracked).toBe(3);
  });

  it('records nothing after the teardown, and restart() moves +0.0 ms for every transcript', () => {
    const wire = new WireLog();
    const record = open(wire);
    record.connect();
    record.teardown();
    record.data('client', Buffer.from('after'));
    expect(wire.transcripts()[0]!.events.map((e) => e.kind)).toEqual(['connect', 'teardown']);
    const later = performance.now() + 1_000;
    wire.restart(later);
    expect(wire.transcripts()[0]!.start).toBe(later);
    expect(wire.start).toBe(later);
  });

  it('refuses a cap that is not a whole number', () => {
    expect(() => new WireLog({ maxBytes: -1 })).toThrow(
      'WireLog: maxBytes must be a whole number >= 0; got -1',
    );
  });

  it('a default log catches the transcripts of fixtures given none, until it is unset', async () => {
    const wire = new WireLog();
    setDefaultWireLog(wire);
    try {
      await using echo = await listenEcho();
      await converse(echo.port, { send: 'hi', end: true });
      await echo.close();
      expect(echo.wire).toBe(wire);
      // The test client's side of the connection (opened at connect()), then the echo's (at accept).
      const sides = wire
        .transcripts()
        .map((t) => `${t.label}: ${t.totals.client}/${t.totals.server}`);
      expect(sides).toEqual(['client: 2/2', 'echo: 2/2']);
    } finally {
      setDefaultWireLog(undefined);
    }
    await using alone = await listenEcho();
    expect(alone.wire).not.toBe(wire);
  });
});

describe('runWithWireLog', () => {
  it('gives each async flow its own log, however they interleave, and the default outside', async () => {
    const outside = new WireLog();
    setDefaultWireLog(outside);
    try {
      const [a, b] = [new WireLog(), new WireLog()];
      const seen = await Promise.all(
        [a, b].map((log) =>
          runWithWireLog(log, async () => {
            const before = wireLogFor(undefined);
            await new Promise((resolve) => setTimeout(resolve, 5));
            return [before, wireLogFor(undefined)];
          }),
        ),
      );
      expect(seen).toEqual([
        [a, a],
        [b, b],
      ]);
      expect(seen[0]?.[0]).toBe(a);
      expect(seen[1]?.[1]).toBe(b);
      expect(wireLogFor(undefined)).toBe(outside);
    } finally {
      setDefaultWireLog(undefined);
    }
  });
});
