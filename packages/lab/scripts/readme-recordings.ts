// The README's outputs of real runs, kept equal to their recordings (outputs/readme/, written by
// record-readme-outputs.ts). A block that shows one says which, on the line before it:
//
//   <!-- recorded: outputs/readme/list.txt -->
//   ```text
//   …
//   ```
//
// and may show only the end, from the first line equal to a given text:
// `<!-- recorded: outputs/readme/grade-all-ci.txt from "Every lab" -->`. The recording's first
// line (`$ command`) is not shown. Pure: the caller reads the files.

/** One block of the README that shows a recording. */
export interface RecordedBlock {
  /** Relative to the package, e.g. 'outputs/readme/list.txt'. */
  readonly file: string;
  /** Shown from the first line equal to this, or from the start. */
  readonly from?: string;
  /** What the README's block holds now, without the fences. */
  readonly shown: string;
  /** Line numbers of the block's fences (0-based), its content between them. */
  readonly open: number;
  readonly close: number;
}

const MARKER = /^<!-- recorded: (\S+)(?: from "([^"]+)")? -->$/;

/**
 * Every recorded block of a README.
 * @example
 * recordedBlocks('<!-- recorded: outputs/readme/a.txt -->\n```text\nhi\n```\n')
 * // [{ file: 'outputs/readme/a.txt', shown: 'hi', open: 1, close: 3 }]
 */
export function recordedBlocks(readme: string): RecordedBlock[] {
  const lines = readme.split('\n');
  const blocks: RecordedBlock[] = [];
  for (const [index, line] of lines.entries()) {
    const marker = MARKER.exec(line);
    if (!marker) continue;
    const file = marker[1] ?? '';
    const open = index + 1;
    const close = lines.indexOf('```', open + 1);
    if (lines[open] !== '```text' || close === -1) {
      throw new Error(
        `README line ${index + 1}: ${file}'s marker must be followed by a \`\`\`text block`,
      );
    }
    const shown = lines.slice(open + 1, close).join('\n');
    blocks.push({ file, ...(marker[2] ? { from: marker[2] } : {}), shown, open, close });
  }
  return blocks;
}

/**
 * What a block shows of a recording: without its `$ command` line, from `from` if given.
 * @example
 * shownPart('$ pnpm lab\nLabs\n\n  chapter1\n') // 'Labs\n\n  chapter1'
 */
export function shownPart(recording: string, from?: string): string {
  const lines = recording.replace(/\n$/, '').split('\n').slice(1);
  const start = from === undefined ? 0 : lines.indexOf(from);
  if (start === -1) throw new Error(`the recording has no line "${from}"`);
  return lines.slice(start).join('\n');
}

/**
 * The README with every recorded block replaced by its recording's shown part.
 * @example
 * spliceRecordings(readme, (file) => readFileSync(join(packageDir, file), 'utf8'));
 */
export function spliceRecordings(readme: string, read: (file: string) => string): string {
  const lines = readme.split('\n');
  // From the last block up, so that earlier line numbers stay right.
  for (const block of recordedBlocks(readme).reverse()) {
    const text = shownPart(read(block.file), block.from);
    lines.splice(block.open + 1, block.close - block.open - 1, ...text.split('\n'));
  }
  return lines.join('\n');
}
