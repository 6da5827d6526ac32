// A source file's code without its comments, so that a rule reading the text does not fire on a
// comment that explains a Linux-only thing; and, for rules about calls, without its strings too
// (a test named "… netstat() uses" calls nothing). A regular expression over the text, as the
// lab's import rules read sources: a quote inside a regular-expression literal can throw it off,
// which the repository-wide test would show as a false report.

/** TypeScript and JavaScript: strings, template literals, `//` and block comments. */
const TS_TOKENS = /(['"`])(?:\\[\s\S]|(?!\1)[^\\])*\1|\/\/[^\n]*|\/\*[\s\S]*?\*\//g;
/** Python: triple-quoted and plain strings, `#` comments. */
const PY_TOKENS = /"""[\s\S]*?"""|'''[\s\S]*?'''|(['"])(?:\\.|(?!\1)[^\\\n])*\1|#[^\n]*/g;

/**
 * `source` with every comment blanked (and every string too, with `strings: 'blank'`); the
 * newlines stay, so line numbers do not change.
 * @example
 * codeOnly("read('/proc/net/tcp'); // see /proc/net/udp", 'ts') // "read('/proc/net/tcp');  "
 * codeOnly("it('netstat() uses', f)", 'ts', 'blank') // "it( , f)"
 */
export function codeOnly(
  source: string,
  language: 'ts' | 'py',
  strings: 'keep' | 'blank' = 'keep',
): string {
  return source.replace(language === 'ts' ? TS_TOKENS : PY_TOKENS, (token) => {
    const comment = token.startsWith('/') || token.startsWith('#');
    return comment || strings === 'blank' ? ` ${token.replace(/[^\n]/g, '')}` : token;
  });
}
