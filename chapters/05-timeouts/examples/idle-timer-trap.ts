// Run: pnpm tsx chapters/05-timeouts/examples/idle-timer-trap.ts
//
// The idle-timer trap: socket.setTimeout(ms) (and net.connect({ timeout })) only EMITS 'timeout'.
// Nothing is closed. A handler that logs and forgets to destroy leaves the socket open for ever,
// and an open socket keeps the process alive. Shown here against local servers, then fixed.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { defineCommand, runMain } from '@netprog/cli';
import { listenBlackhole, listenRecorder } from '@netprog/testbed';
import { withDeadline } from '../src/deadline.ts';
import { since } from '../src/since.ts';
import { timeoutError } from '../src/timeout-error.ts';

const LIMIT_MS = 500;

/** How long a child may go on after its 'timeout' before we call it hung and kill it. */
const GRACE_MS = 1_000;

/**
 * Runs a program in a child process that only connects to `port` with `timeout: LIMIT_MS` and
 * handles 'timeout' with `handler`; says whether the process ended by itself within GRACE_MS of
 * its 'timeout' (and kills it if not).
 */
async function endsByItself(handler: string, port: number): Promise<string> {
  const program = `
    const socket = require('node:net').connect({ host: '127.0.0.1', port: ${port}, timeout: ${LIMIT_MS} });
    socket.on('timeout', () => { ${handler}; });`;
  const child = spawn(process.execPath, ['-e', program], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = once(child, 'exit');
  try {
    await withDeadline(10_000, () => once(child.stdout, 'data')); // its 'timeout' fired
    const firedAt = performance.now();
    const ended = await withDeadline(GRACE_MS, () => exited).then(
      () => true,
      () => false,
    );
    return ended
      ? `exited by itself ${since(firedAt)} ms after its 'timeout'`
      : `still running ${GRACE_MS} ms after its 'timeout': hung, so we killed it`;
  } finally {
    child.kill();
    await exited;
  }
}

// No arguments: it starts every server it needs on loopback.
const command = defineCommand({ name: 'idle-timer-trap.ts' });

runMain(async () => {
  command.parse();
  await using silent = await listenRecorder(); // accepts, never writes

  console.log(`1. The trap: net.connect({ timeout: ${LIMIT_MS} }) to a server that never speaks`);
  // #region trap
  const trapped = net.connect({ host: silent.host, port: silent.port, timeout: LIMIT_MS });
  const started = performance.now();
  trapped.on('timeout', () => {
    console.log(
      `  'timeout' after ${since(started)} ms (limit ${LIMIT_MS} ms); the handler only logs`,
    );
  });
  // #endregion trap
  await once(trapped, 'timeout');
  await sleep(LIMIT_MS); // wait as long again: nothing else happens, the timer does not re-arm
  console.log(
    `  ${since(started)} ms in: destroyed=${trapped.destroyed} readyState=${trapped.readyState}`,
  );
  console.log('  the socket is still open, and keeps its process running (part 4 shows it)');
  trapped.destroy(); // this example must end, so we clean up the trap ourselves

  console.log('\n2. Same trap while connecting (a port that never answers)');
  await using hole = await listenBlackhole();
  const connecting = net.connect({ host: hole.host, port: hole.port, timeout: LIMIT_MS });
  const connectStarted = performance.now();
  await once(connecting, 'timeout');
  console.log(
    `  'timeout' after ${since(connectStarted)} ms (limit ${LIMIT_MS} ms): connecting=${connecting.connecting}`,
  );
  await sleep(LIMIT_MS);
  console.log(
    `  ${since(connectStarted)} ms in: still connecting=${connecting.connecting}, destroyed=${connecting.destroyed}`,
  );
  connecting.destroy();

  console.log('\n3. The fix: destroy the socket in the handler, with an error that says why');
  // #region fix
  const fixed = net.connect({ host: silent.host, port: silent.port, timeout: LIMIT_MS });
  const fixStarted = performance.now();
  fixed.on('timeout', () => {
    fixed.destroy(timeoutError('read', LIMIT_MS, { address: silent.host, port: silent.port }));
  });
  fixed.on('error', (error: NodeJS.ErrnoException) => {
    console.log(`  'error' after ${since(fixStarted)} ms (limit ${LIMIT_MS} ms): ${error.code}`);
  });
  // #endregion fix
  // Not events.once(fixed, 'close'): that rejects as soon as 'error' fires, which is the point here.
  const hadError = await new Promise<boolean>((resolve) => fixed.once('close', resolve));
  console.log(
    `  'close' (hadError=${hadError}): destroyed=${fixed.destroyed} readyState=${fixed.readyState}`,
  );

  console.log(
    '\n4. Does the program end? Each handler alone in a child process, with nothing else to do:',
  );
  const trapEnds = await endsByItself("console.log('timeout')", silent.port);
  console.log(`  trap (only logs): ${trapEnds}`);
  const fixEnds = await endsByItself("console.log('timeout'); socket.destroy()", silent.port);
  console.log(`  fix (destroys):   ${fixEnds}`);
});
