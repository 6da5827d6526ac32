// What @netprog/socket-core exports, as the Python ↔ TypeScript page needs to know it.

/** The names socket-core exports today (filled in by probe-socket-core.ts). */
export interface SocketCoreApi {
  /** Exported functions and classes, e.g. 'socket', 'createServer', 'Socket'. */
  functions: string[];
  /** Method name -> the exported classes that have it, e.g. { recv: ['Socket'] }. */
  methods: Record<string, string[]>;
}

/**
 * True when socket-core exports `name`, either as a function or as a method of an exported class.
 *
 * @example
 * hasApi({ functions: ['socket'], methods: { recv: ['Socket'] } }, 'recv') // true
 */
export function hasApi(api: SocketCoreApi, name: string): boolean {
  return (
    api.functions.includes(name) ||
    (Object.hasOwn(api.methods, name) && (api.methods[name]?.length ?? 0) > 0)
  );
}
