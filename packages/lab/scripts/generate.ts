// `pnpm --filter @netprog/lab generate`: writes the files this package derives from its own
// sources, which its tests check are current (test/command-table.test.ts, test/manifest.test.ts,
// test/result-formats.test.ts).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { COMMAND_WORDS_FILE, commandWordsModule } from '../src/cli/command-words.ts';
import { JSON_SCHEMA_FILE, labJsonSchema } from '../src/manifest/schema.ts';
import { RESULT_SCHEMAS, resultJsonSchema } from '../src/output/result-schemas.ts';

const write = (file: string, text: string) => {
  writeFileSync(fileURLToPath(new URL(`../${file}`, import.meta.url)), text);
  console.log(`wrote ${file}`);
};

write(COMMAND_WORDS_FILE, commandWordsModule());
write(JSON_SCHEMA_FILE, labJsonSchema());
for (const { file, schema } of RESULT_SCHEMAS) write(file, resultJsonSchema(schema));
