// The one place a socket's state changes. Each socket class writes its life down as a table,
// state × event → next state (src/tcp/states.ts, src/dgram/states.ts), and changes state only
// by applying an event to it. So the state machine the class comment promises is the code that
// runs, and a change the table does not allow fails at once, naming both, instead of leaving a
// socket in a state that no call expects.

/**
 * The target "back to the state before the last change": a failed listen() or connect() leaves
 * a socket as it was before (fresh, or bound). A symbol, so no state name can be mistaken for it.
 */
export const BACK: unique symbol = Symbol('back');

/**
 * Where an event leads from a state: the next state, or BACK. An event missing from a state's
 * row is refused in that state.
 */
export type Transitions<S extends string, E extends string> = {
  readonly [state in S]: { readonly [event in E]?: S | typeof BACK };
};

/**
 * A state and the table of its changes. The calls check the state first and throw the errno a
 * kernel would (EISCONN, EINVAL...); the table is the second line of defence, so a refused
 * change is a bug in socket-core, and the error says so.
 *
 * @example
 * const door = new StateMachine<'shut' | 'open', 'push' | 'pull'>('door', {
 *   shut: { push: 'open' },
 *   open: { pull: BACK },
 * }, 'shut');
 * door.apply('push'); // 'open'
 * door.apply('pull'); // 'shut': back where it was
 * door.apply('pull'); // throws: door: no change from state 'shut' on event 'pull' ...
 */
export class StateMachine<S extends string, E extends string> {
  readonly #name: string;
  readonly #transitions: Transitions<S, E>;
  #state: S;
  #previous: S;

  constructor(name: string, transitions: Transitions<S, E>, initial: S) {
    this.#name = name;
    this.#transitions = transitions;
    this.#state = initial;
    this.#previous = initial;
  }

  /** The current state. */
  get state(): S {
    return this.#state;
  }

  /** Changes to the state `event` leads to, and returns it; throws if the table has no such change. */
  apply(event: E): S {
    const target: S | typeof BACK | undefined = this.#transitions[this.#state][event];
    if (target === undefined) {
      const allowed = Object.keys(this.#transitions[this.#state]);
      throw new Error(
        `${this.#name}: no change from state '${this.#state}' on event '${event}' (the events ` +
          `allowed in '${this.#state}' are: ${allowed.join(', ') || 'none'}). This is a bug in ` +
          'socket-core: the call should have refused it with an errno first; please report it.',
      );
    }
    const next = target === BACK ? this.#previous : target;
    this.#previous = this.#state;
    this.#state = next;
    return next;
  }
}
