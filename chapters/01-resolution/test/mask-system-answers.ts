// Recorded outputs are compared with fresh runs, possibly on another machine. The answers that
// come from THIS machine's resolver (/etc/hosts, nsswitch, its own name) legitimately differ from
// machine to machine, so the comparison masks them; what the fake DNS server says does not vary
// and is compared exactly. The values themselves are checked against the OS in os-agreement.test.ts.

/** The placeholder for an answer that came from this machine's resolver. */
export const MASK = '<answer from this machine>';

/**
 * In every `== ... ==` section whose header says it asks the operating system (or is about
 * localhost or this machine), replaces each call's result (`  -> ...` and its continuation lines)
 * with MASK. Sections about the fake DNS server are left alone.
 *
 * @example
 * maskSystemAnswers("== localhost ==\nf()\n  -> 'x'\n     'y'\n") // "== localhost ==\nf()\n  -> <answer from this machine>\n"
 */
export function maskSystemAnswers(text: string): string {
  let system = false;
  const out: string[] = [];
  for (const line of text.split('\n')) {
    if (/^== .* ==$/.test(line)) system = /operating system|localhost|this machine/.test(line);
    if (system && line.startsWith('  -> ')) {
      out.push(`  -> ${MASK}`);
      continue;
    }
    if (system && line.startsWith('     ')) continue;
    out.push(line);
  }
  return out.join('\n');
}

/**
 * For two-paths.ts: masks what dns.lookup answered and whether the two paths agreed, which both
 * depend on this machine's /etc/hosts.
 *
 * @example
 * maskLookupLines('  dns.lookup           127.0.0.1') // '  dns.lookup           <answer from this machine>'
 */
export function maskLookupLines(text: string): string {
  return text
    .replace(/^( {2}dns\.lookup +)(?=\S)(?!\(not run).*$/gm, `$1${MASK}`)
    .replace(/^ {2}(same answer|DIFFERENT answers)$/gm, `  ${MASK}`);
}
