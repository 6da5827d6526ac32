// Run by socket-core-api.data.ts in a child process (through @netprog/run-ts, so socket-core's TypeScript
// source loads exactly as the examples load it). Prints, as JSON, which names socket-core
// really exports: its functions, and the methods of each class it exports.
import * as socketCore from '@netprog/socket-core';

import type { SocketCoreApi } from './socket-core-api.ts';

/** JavaScript's own prototypes: what a class inherits from these is not socket-core's. */
const builtIn = new Set<unknown>([Object.prototype, Error.prototype]);

/** A class's prototype and the ones it inherits from, up to the first built-in one. */
function prototypeChain(own: unknown): object[] {
  const chain: object[] = [];
  let prototype = own;
  while (typeof prototype === 'object' && prototype !== null && !builtIn.has(prototype)) {
    chain.push(prototype);
    prototype = Object.getPrototypeOf(prototype);
  }
  return chain;
}

const functions: string[] = [];
// A Map, not an object: method names such as 'toString' would otherwise find Object's own.
const methods = new Map<string, string[]>();
for (const [name, value] of Object.entries(socketCore)) {
  if (typeof value !== 'function') continue;
  functions.push(name);
  // Inherited methods count: Socket and DatagramSocket share settimeout... from a base class.
  for (const prototype of prototypeChain(value.prototype)) {
    for (const method of Object.getOwnPropertyNames(prototype)) {
      if (method === 'constructor') continue;
      methods.set(method, [...(methods.get(method) ?? []), name]);
    }
  }
}
const api: SocketCoreApi = { functions, methods: Object.fromEntries(methods) };
process.stdout.write(JSON.stringify(api));
