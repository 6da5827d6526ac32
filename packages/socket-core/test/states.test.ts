// The socket state machines, driven through their tables: every state × event either moves to
// the state the table names or is refused with an error naming both; and the table in each
// file's comment is the table in its code.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { DATAGRAM_TRANSITIONS } from '../src/dgram/states.ts';
import { BACK, StateMachine, type Transitions } from '../src/state-machine.ts';
import { TCP_TRANSITIONS } from '../src/tcp/states.ts';

type Table = Transitions<string, string>;

const TABLES: ReadonlyArray<{ name: string; file: string; table: Table }> = [
  { name: 'TCP Socket', file: '../src/tcp/states.ts', table: TCP_TRANSITIONS },
  { name: 'DatagramSocket', file: '../src/dgram/states.ts', table: DATAGRAM_TRANSITIONS },
];

/** The events a table names anywhere. */
function eventsOf(table: Table): string[] {
  return [...new Set(Object.values(table).flatMap((row) => Object.keys(row)))];
}

/** For every state, the shortest list of events that leads there from 'fresh'. */
function pathsFromFresh(table: Table): Map<string, string[]> {
  const paths = new Map<string, string[]>([['fresh', []]]);
  const queue = ['fresh'];
  for (let state = queue.shift(); state !== undefined; state = queue.shift()) {
    const path = paths.get(state) ?? [];
    for (const [event, target] of Object.entries(table[state] ?? {})) {
      if (target === undefined || target === BACK || paths.has(target)) continue;
      paths.set(target, [...path, event]);
      queue.push(target);
    }
  }
  return paths;
}

/** A machine that has walked `path` from 'fresh'. */
function machineAfter(table: Table, path: readonly string[]): StateMachine<string, string> {
  const machine = new StateMachine('test', table, 'fresh');
  for (const event of path) machine.apply(event);
  return machine;
}

/** The grid in the file's comment: state -> event -> next state, '-' where refused. */
function commentTable(source: string): Map<string, Map<string, string>> {
  const lines = source.split('\n');
  const start = lines.findIndex((line) => line.includes('state × event → next state'));
  const cells = (line: string): string[] =>
    line
      .replace(/^\s*\*/, '')
      .trim()
      .split(/\s+/);
  const header = lines[start + 2];
  if (start < 0 || header === undefined) throw new Error('no state × event table in the comment');
  const events = cells(header);
  const grid = new Map<string, Map<string, string>>();
  for (const line of lines.slice(start + 3)) {
    const [state, ...targets] = cells(line);
    if (state === undefined || state === '' || targets.length === 0) break;
    grid.set(state, new Map(events.map((event, i) => [event, targets[i] ?? '?'])));
  }
  return grid;
}

describe.each(TABLES)('$name state machine', ({ file, table }) => {
  const events = eventsOf(table);
  const paths = pathsFromFresh(table);

  it('reaches every state from fresh, and can close from every state but closed', () => {
    expect([...paths.keys()].sort()).toEqual(Object.keys(table).sort());
    for (const [state, row] of Object.entries(table)) {
      expect([state, row.close]).toEqual([state, state === 'closed' ? undefined : 'closed']);
    }
  });

  it('moves on every state × event the table allows and refuses the others, naming both', () => {
    for (const [state, path] of paths) {
      for (const event of events) {
        const machine = machineAfter(table, path);
        const target = table[state]?.[event];
        if (target === undefined) {
          expect(() => machine.apply(event)).toThrow(
            `no change from state '${state}' on event '${event}'`,
          );
          expect(machine.state).toBe(state);
        } else {
          const expected = target === BACK ? machineAfter(table, path.slice(0, -1)).state : target;
          expect([state, event, machine.apply(event)]).toEqual([state, event, expected]);
        }
      }
    }
  });

  it("the comment's table says what the code does", async () => {
    const grid = commentTable(await readFile(new URL(file, import.meta.url), 'utf8'));
    expect([...grid.keys()].sort()).toEqual(Object.keys(table).sort());
    for (const [state, row] of grid) {
      expect([...row.keys()].sort()).toEqual([...events].sort());
      for (const [event, written] of row) {
        const target = table[state]?.[event];
        const inCode = target === undefined ? '-' : target === BACK ? 'back' : target;
        expect([state, event, written]).toEqual([state, event, inCode]);
      }
    }
  });
});

describe('back (a failed listen or connect)', () => {
  it('returns a TCP socket to where listen() or connect() started: bound, or fresh', () => {
    expect(machineAfter(TCP_TRANSITIONS, ['bind', 'listen', 'failed']).state).toBe('bound');
    expect(machineAfter(TCP_TRANSITIONS, ['listen', 'failed']).state).toBe('fresh');
    expect(machineAfter(TCP_TRANSITIONS, ['bind', 'connect', 'failed']).state).toBe('bound');
    expect(machineAfter(TCP_TRANSITIONS, ['connect', 'failed', 'connect']).state).toBe(
      'connecting',
    );
  });

  it('says that a refused change is a bug to report, and which events the state allows', () => {
    const machine = machineAfter(TCP_TRANSITIONS, ['connect', 'established']);
    expect(() => machine.apply('bind')).toThrow(
      "test: no change from state 'connected' on event 'bind' (the events allowed in " +
        "'connected' are: close). This is a bug in socket-core",
    );
  });
});
