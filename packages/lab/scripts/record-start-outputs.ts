// `pnpm --filter @netprog/lab docs:record` (its second part): records, from a real run on this
// machine, what the Getting started page (docs/start.md) shows of `pnpm lab doctor`, into
// outputs/start/. Run through pnpm, so that doctor sees the pnpm that runs it.
import { lab, recorder } from './recorded-run.ts';

const record = recorder('start');
record('doctor.txt', 'pnpm lab doctor', lab(['doctor']).stdout);
