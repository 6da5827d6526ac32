// A chapter's prose may quote measurements only from its recorded outputs: a figure from a run
// nobody recorded ("2.9 s in a run two hours earlier", "37,435 requests per second at 03:09")
// cannot be checked by a reader. This finds the figures that appear in no recording.

/**
 * The measurement-like figures in `markdown`'s prose (fenced code and `<<<` embeds left out):
 * decimals with a time unit (`0.68 s`, `133.9 s`, `1.5 ms`) and numbers grouped with commas
 * (`72,506`). Whole numbers without a comma are left alone: they are mostly settings (`250 ms`,
 * `backlog 3`), not measurements.
 *
 * @example
 * quotedFigures('took 0.68 s, 72,506 req/s; a 250 ms timeout') // ['0.68 s', '72,506']
 */
export function quotedFigures(markdown: string): string[] {
  let fenced = false;
  const prose: string[] = [];
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) fenced = !fenced;
    else if (!fenced && !line.startsWith('<<<')) prose.push(line);
  }
  const text = prose.join('\n');
  const decimals = text.match(/\b\d+\.\d+ ?m?s\b/g) ?? [];
  const grouped = text.match(/\b\d{1,3}(?:,\d{3})+\b/g) ?? [];
  return [...decimals, ...grouped];
}

/**
 * The figures of `markdown` (see quotedFigures) that appear in none of `recordings` and are not in
 * `derived` (figures computed from recorded ones, each to be listed with its reason by the
 * caller). An empty result means every measurement the prose quotes can be found in an output.
 *
 * @example
 * unrecordedFigures('nmap took 2.9 s', ['nmap ... 2.10 s'], []) // ['2.9 s']
 */
export function unrecordedFigures(
  markdown: string,
  recordings: readonly string[],
  derived: readonly string[] = [],
): string[] {
  const recorded = recordings.join('\n');
  return quotedFigures(markdown).filter(
    (figure) => !derived.includes(figure) && !recorded.includes(figure),
  );
}
