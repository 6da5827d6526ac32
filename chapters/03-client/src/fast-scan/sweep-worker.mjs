// @ts-check
// A worker thread's whole job: help sweep the shared port list, then post what it saw.
// (Plain JavaScript, like connect-sweep.mjs, so the worker starts without a TypeScript loader.)
import { parentPort, workerData } from 'node:worker_threads';
import { sweepPorts } from './connect-sweep.mjs';

// Every refused net.Socket connect creates an Error, and capturing its stack trace is a large
// part of what a refused probe costs. Nothing in this thread ever prints a stack, so capture none.
Error.stackTraceLimit = 0;

/** @type {{ address: string, ports: Uint16Array, options: import('./connect-sweep.mjs').SweepOptions }} */
const job = workerData;
parentPort?.postMessage(await sweepPorts(job.address, job.ports, job.options));
