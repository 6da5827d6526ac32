// Recorded outputs are compared with fresh runs, possibly on another machine. The answers that
// come from THIS machine's resolver (/etc/hosts, nsswitch, its own name) legitimately differ from
// machine to machine, so the comparison masks them; what the fake DNS server says does not vary
// and is compared exactly. The values themselves are checked against the OS in os-agreement.test.ts.
//
// Only the resolver's own answers are masked: an address list, or a GaiError (a name the OS does
// not know on this machine). Any other failure (a TypeError, a bug) stays in the comparison, so a
// broken example cannot hide behind the mask.

/** The placeholder for an answer that came from this machine's resolver. */
export const MASK = '<answer from this machine>';

/**
 * True for the text after `-> ` when it is this machine's resolver speaking: an answer, a
 * GaiError, or the line an example prints instead of a question /etc/hosts cannot answer here
 * (`not asked: ...`, which names this machine's files).
 */
function isSystemAnswer(result: string): boolean {
  if (!result.startsWith('fails: ')) return true;
  return result.startsWith('fails: GaiError ');
}

/**
 * In every `== ... ==` section whose header says it asks the operating system (or is about
 * localhost or this machine), replaces each call's answer (`  -> ...` and its continuation lines)
 * with MASK, when it is the resolver's own answer (see isSystemAnswer). Sections about the fake
 * DNS server are left alone.
 *
 * @example
 * maskSystemAnswers("== localhost ==\nf()\n  -> 'x'\n     'y'\n") // "== localhost ==\nf()\n  -> <answer from this machine>\n"
 */
export function maskSystemAnswers(text: string): string {
  let system = false;
  let masking = false;
  const out: string[] = [];
  for (const line of text.split('\n')) {
    if (/^== .* ==$/.test(line)) system = /operating system|localhost|this machine/.test(line);
    if (line.startsWith('  -> ')) {
      masking = system && isSystemAnswer(line.slice('  -> '.length));
      out.push(masking ? `  -> ${MASK}` : line);
      continue;
    }
    if (masking && line.startsWith('     ')) continue;
    masking = false;
    out.push(line);
  }
  return out.join('\n');
}

/**
 * For two-paths.ts: masks what dns.lookup answered (from this machine's /etc/hosts) and why it
 * was not run (the reason names this machine's files). A failure of dns.lookup is left in: it
 * is only asked what /etc/hosts answers, so a failure is a bug.
 *
 * @example
 * maskLookupLines('  dns.lookup           127.0.0.1') // '  dns.lookup           <answer from this machine>'
 */
export function maskLookupLines(text: string): string {
  return text.replace(/^( {2}dns\.lookup +)(?=\S)(?!fails: ).*$/gm, `$1${MASK}`);
}
