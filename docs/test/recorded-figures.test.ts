// Measurements quoted in a chapter's prose must come from its recorded outputs, which a reader
// can see and re-run (`pnpm docs:record`, the bench commands). Chapters 3, 4 and 5 once quoted
// runs nobody recorded ("2.9 s in a run two hours earlier", "in a run at 03:09 ... 37,435",
// "133.9 s (133.4 s on an earlier run)"). Figures that are settings or sizes, not measurements,
// are listed below with what they are.
import { readdirSync, readFileSync } from 'node:fs';
import { unrecordedFigures } from '@netprog/testbed';
import { describe, expect, it } from 'vitest';

const CHAPTERS = new URL('../../chapters/', import.meta.url);
const PYTHON_OUTPUTS = new URL('../../python/outputs/', import.meta.url);

/** Per chapter: figures in its prose that are not measurements, each with what it is. */
const NOT_MEASURED: Record<string, Record<string, string>> = {
  '03-client': {
    '65,535': 'the number of TCP ports',
  },
  '04-server': {
    '10,000': "the server's maxConnections setting",
    '1,000': 'how many connections a test opens',
    '300,000': 'the /primes bound the demo asks for',
    '50,000':
      "how many cases `pnpm fuzz` sends (the FUZZ_RUNS setting in the chapter's package.json)",
  },
  '05-timeouts': {},
};

describe('figures quoted in the chapters come from their recordings', () => {
  for (const [chapter, notMeasured] of Object.entries(NOT_MEASURED)) {
    it(chapter, () => {
      const folder = new URL(`${chapter}/`, CHAPTERS);
      const outputs = new URL('outputs/', folder);
      const read = (folder: URL) =>
        readdirSync(folder).map((name) => readFileSync(new URL(name, folder), 'utf8'));
      // A chapter also quotes its Python twins' recordings (python/outputs/), shown beside its own.
      const recordings = [...read(outputs), ...read(PYTHON_OUTPUTS)];
      const readme = readFileSync(new URL('README.md', folder), 'utf8');
      expect(unrecordedFigures(readme, recordings, Object.keys(notMeasured))).toEqual([]);
    });
  }
});
