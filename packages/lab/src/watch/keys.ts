// The keys of watch mode, from a terminal in raw mode: r (or Enter) re-grade, h hint, q (or
// Ctrl-C, which raw mode delivers as a key) quit.
import { emitKeypressEvents } from 'node:readline';
import type { Io } from '../context.ts';
import type { Key } from './events.ts';

/**
 * Whether `io` has a keyboard to read keys from: a terminal on both sides that can go raw.
 * @example
 * const footer = hasKeys(io) ? 'Keys: r re-grade · h hint · q quit.' : 'Ctrl-C to stop.';
 */
export function hasKeys(io: Io): boolean {
  return (
    io.stdout.isTTY === true && io.stdin.isTTY === true && typeof io.stdin.setRawMode === 'function'
  );
}

/**
 * Calls `onKey` for each key that means something; returns the function that gives the
 * terminal back.
 * @example
 * const release = listenToKeys(io.stdin, (key) => post({ type: 'key', key }));
 */
export function listenToKeys(stdin: Io['stdin'], onKey: (key: Key) => void): () => void {
  const listener = (_text: string, key: { name?: string; ctrl?: boolean } | undefined) => {
    if (!key) return;
    if (key.name === 'q' || (key.ctrl && key.name === 'c')) onKey('quit');
    else if (key.name === 'r' || key.name === 'return') onKey('regrade');
    else if (key.name === 'h') onKey('hint');
  };
  emitKeypressEvents(stdin);
  stdin.setRawMode?.(true);
  stdin.on('keypress', listener);
  return () => {
    stdin.off('keypress', listener);
    stdin.setRawMode?.(false);
    stdin.pause();
  };
}
