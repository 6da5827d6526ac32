// Run by socket-core-api.data.ts in a child process (through tsx, so socket-core's TypeScript
// source loads exactly as the examples load it). Prints, as JSON, which names socket-core
// really exports: its functions, and the methods of each class it exports.
import * as socketCore from '@netprog/socket-core';

import type { SocketCoreApi } from './socket-core-api.ts';

const functions: string[] = [];
// A Map, not an object: method names such as 'toString' would otherwise find Object's own.
const methods = new Map<string, string[]>();
for (const [name, value] of Object.entries(socketCore)) {
  if (typeof value !== 'function') continue;
  functions.push(name);
  const prototype: unknown = value.prototype;
  if (typeof prototype !== 'object' || prototype === null) continue;
  for (const method of Object.getOwnPropertyNames(prototype)) {
    if (method === 'constructor') continue;
    methods.set(method, [...(methods.get(method) ?? []), name]);
  }
}
const api: SocketCoreApi = { functions, methods: Object.fromEntries(methods) };
process.stdout.write(JSON.stringify(api));
