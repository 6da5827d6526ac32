// Run: pnpm tsx chapters/05-timeouts/examples/fetch-deadline.ts
//
// Deadlines for fetch with AbortSignal, against local HTTP servers. fetch has no timeout option:
// without a signal it waits as long as undici's own defaults allow (300 s for the response head,
// 300 s between body chunks). A signal bounds the whole request, body included.
import { defineCommand, runMain } from '@netprog/cli';
import { closedPort, listenHttp } from '@netprog/testbed';
import { classifyError } from '../src/retryable.ts';
import { since } from '../src/since.ts';

/** Prints how a fetch ended, and when. */
async function show(label: string, call: () => Promise<string>, limitMs?: number): Promise<void> {
  const started = performance.now();
  const limit = limitMs === undefined ? '' : ` (limit ${limitMs} ms)`;
  try {
    const result = await call();
    console.log(`  ${label}: ${result} after ${since(started)} ms`);
  } catch (error) {
    const { name, message } = error as Error;
    const { code } = classifyError(error);
    console.log(
      `  ${label}: ${name} (${code ?? 'no code'}) after ${since(started)} ms${limit}: ${message}`,
    );
  }
}

// No arguments: it starts every server it needs on loopback.
const command = defineCommand({ name: 'fetch-deadline.ts' });

runMain(async () => {
  command.parse();
  await using slow = await listenHttp({ delayMs: 1_000, body: 'finally' });
  console.log('1. A server that answers after 1000 ms');
  await show('no signal', async () => (await fetch(slow.url)).text());
  // #region timeout
  await show(
    'signal: AbortSignal.timeout(500)',
    async () => {
      const response = await fetch(slow.url, { signal: AbortSignal.timeout(500) });
      return response.text();
    },
    500,
  );
  // #endregion timeout

  console.log(
    '\n2. The deadline covers the body too: a quick head, then 400 bytes, one every 5 ms',
  );
  await using dribbler = await listenHttp({
    rawResponse: `HTTP/1.1 200 OK\r\n\r\n${'x'.repeat(400)}`, // no length: the body ends at close
    dribble: true,
    dribbleIntervalMs: 5,
  });
  const started = performance.now();
  const response = await fetch(dribbler.url, { signal: AbortSignal.timeout(800) });
  console.log(
    `  head: status ${response.status} after ${since(started)} ms, inside the 800 ms limit`,
  );
  const body = await response.text().catch((error: Error) => error);
  const outcome = body instanceof Error ? body.name : `${body.length} bytes`;
  console.log(`  body: ${outcome} after ${since(started)} ms (limit 800 ms)`);

  console.log('\n3. A deadline AND a cancel button: AbortSignal.any([...])');
  // #region any
  const cancel = new AbortController();
  setTimeout(() => cancel.abort(new Error('the user pressed Stop')), 100);
  await show('any([cancel, timeout(2000)])', async () => {
    const signal = AbortSignal.any([cancel.signal, AbortSignal.timeout(2_000)]);
    return (await fetch(slow.url, { signal })).text();
  });
  // #endregion any

  console.log('\n4. Nothing listening: fetch hides the errno in error.cause');
  const closed = await closedPort();
  await show('fetch(closed port)', async () =>
    (
      await fetch(`http://127.0.0.1:${closed.port}/`, { signal: AbortSignal.timeout(2_000) })
    ).text(),
  );
});
