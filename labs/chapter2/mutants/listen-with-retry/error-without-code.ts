// Mutant: gives up with a new Error of its own instead of the last EADDRINUSE error
// Why students write it: wants a clearer message
// Reference solution for exercise 4.

import { once } from 'node:events';
import { createServer, type Server } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export interface ListenWithRetryOptions {
  host: string;
  port: number;
  attempts: number;
  delayMs: number;
  fallbackToEphemeral?: boolean;
  onRetry?: (attempt: number, error: NodeJS.ErrnoException) => void | Promise<void>;
}

export interface ListenResult {
  server: Server;
  port: number;
  attempts: number;
  fellBack: boolean;
}

/** One listen() call; a failed server holds no socket, so there is nothing to close. */
async function listenOnce(host: string, port: number): Promise<Server> {
  const server = createServer();
  server.listen({ host, port });
  // once() rejects if 'error' comes first, which is how a failed listen is reported.
  await once(server, 'listening');
  return server;
}

const portOf = (server: Server) => (server.address() as { port: number }).port;

export async function listenWithRetry(options: ListenWithRetryOptions): Promise<ListenResult> {
  const { host, port, attempts, delayMs, fallbackToEphemeral = false, onRetry } = options;
  if (!Number.isInteger(attempts) || attempts < 1) {
    throw new RangeError(`attempts must be an integer >= 1, got ${attempts}`);
  }
  let lastError: NodeJS.ErrnoException | undefined;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      const server = await listenOnce(host, port);
      return { server, port: portOf(server), attempts: attempt, fellBack: false };
    } catch (error) {
      lastError = error as NodeJS.ErrnoException;
      if (lastError.code !== 'EADDRINUSE') throw lastError;
      if (attempt < attempts) {
        await onRetry?.(attempt, lastError);
        await sleep(delayMs);
      }
    }
  }
  if (fallbackToEphemeral) {
    const server = await listenOnce(host, 0);
    return { server, port: portOf(server), attempts: attempts + 1, fellBack: true };
  }
  throw new Error(`port ${port} is still in use after ${attempts} attempts`);
}
