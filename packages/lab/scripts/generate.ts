// `pnpm --filter @netprog/lab generate`: writes the files this package derives from its own
// sources, which its tests check are current (test/command-table.test.ts, test/manifest.test.ts,
// test/result-formats.test.ts, test/readme-outputs.test.ts).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { COMMAND_WORDS_FILE, commandWordsModule } from '../src/cli/command-words.ts';
import { JSON_SCHEMA_FILE, labJsonSchema } from '../src/manifest/schema.ts';
import { RESULT_SCHEMAS, resultJsonSchema } from '../src/output/result-schemas.ts';
import { spliceRecordings } from './readme-recordings.ts';

const read = (file: string) =>
  readFileSync(fileURLToPath(new URL(`../${file}`, import.meta.url)), 'utf8');
const write = (file: string, text: string) => {
  writeFileSync(fileURLToPath(new URL(`../${file}`, import.meta.url)), text);
  console.log(`wrote ${file}`);
};

write(COMMAND_WORDS_FILE, commandWordsModule());
write(JSON_SCHEMA_FILE, labJsonSchema());
for (const { file, schema } of RESULT_SCHEMAS) write(file, resultJsonSchema(schema));
// The README's outputs of real runs, from their recordings (pnpm --filter @netprog/lab docs:record).
write('README.md', spliceRecordings(read('README.md'), read));
