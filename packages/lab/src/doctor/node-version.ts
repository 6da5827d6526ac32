// Doctor's Node check, pure: the running version against the course's `engines.node`, and the
// end of life of its major. The range is read with a check of its own for the one form the
// course uses (`^20.19.0 || ^22.12.0 || ^24.0.0`): the semver package is no dependency of ours.
import type { DoctorCheck } from './doctor-check.ts';

type Version = readonly [major: number, minor: number, patch: number];

/**
 * When each Node major the course supports stops getting fixes (nodejs.org's release schedule).
 * A major missing here is not judged on its age.
 */
export const NODE_END_OF_LIFE: Readonly<Record<number, string>> = {
  20: '2026-04-30',
  22: '2027-04-30',
  24: '2028-04-30',
};

/**
 * The alternatives of a range made of caret terms only, or undefined for any other form.
 * @example
 * caretTerms('^20.19.0 || ^22.12.0'); // [[20, 19, 0], [22, 12, 0]]
 * caretTerms('>=20'); // undefined
 */
export function caretTerms(range: string): Version[] | undefined {
  const terms: Version[] = [];
  for (const term of range.split('||')) {
    const match = /^\^(\d+)\.(\d+)\.(\d+)$/.exec(term.trim());
    if (!match) return undefined;
    terms.push([Number(match[1]), Number(match[2]), Number(match[3])]);
  }
  return terms;
}

/**
 * A version string (`v20.20.2` or `20.20.2`) as numbers, or undefined.
 * @example
 * parseVersion('v22.12.0'); // [22, 12, 0]
 */
export function parseVersion(text: string): Version | undefined {
  const match = /^v?(\d+)\.(\d+)\.(\d+)/.exec(text.trim());
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : undefined;
}

/**
 * Whether `version` is in a caret term: the same major (above 0), and not older.
 * @example
 * inCaret([20, 20, 2], [20, 19, 0]); // true
 */
export function inCaret(version: Version, floor: Version): boolean {
  if (version[0] !== floor[0]) return false;
  if (version[1] !== floor[1]) return version[1] > floor[1];
  return version[2] >= floor[2];
}

/**
 * Judges the running Node against `engines.node` (undefined: the course's package.json has none)
 * on the day `today`.
 * @example
 * judgeNode('v22.12.0', '^20.19.0 || ^22.12.0 || ^24.0.0', new Date('2026-12-07')).status; // 'ok'
 */
export function judgeNode(running: string, engines: string | undefined, today: Date): DoctorCheck {
  const name = 'Node';
  const shown = running.replace(/^v/, '');
  const version = parseVersion(running);
  const terms = engines === undefined ? undefined : caretTerms(engines);
  if (version === undefined || terms === undefined) {
    const what =
      engines === undefined
        ? "the course's package.json has no engines.node"
        : `engines.node "${engines}" is not a list of ^x.y.z ranges, which doctor reads`;
    return { name, status: 'warn', detail: `${shown}: not checked: ${what}` };
  }
  if (!terms.some((floor) => inCaret(version, floor))) {
    return {
      name,
      status: 'fail',
      detail: `${shown} is outside the course's engines (${engines}): install one of ${majorsOf(terms)}`,
    };
  }
  const end = NODE_END_OF_LIFE[version[0]];
  if (end !== undefined && today.getTime() >= Date.parse(end)) {
    const newer = terms
      .map(([major]) => major)
      .filter((major) => major > version[0] && !pastEnd(major, today));
    const advice = newer.length > 0 ? `: install Node ${newer.join(' or ')}` : '';
    return {
      name,
      status: 'warn',
      detail: `${shown} is in engines (${engines}), but Node ${version[0]} is past its end of life (${longDate(end)})${advice}`,
    };
  }
  return { name, status: 'ok', detail: `${shown} (engines ${engines})` };
}

function pastEnd(major: number, today: Date): boolean {
  const end = NODE_END_OF_LIFE[major];
  return end !== undefined && today.getTime() >= Date.parse(end);
}

// Node 20.19+, 22.12+ or 24.0+
function majorsOf(terms: readonly Version[]): string {
  const names = terms.map(([major, minor]) => `Node ${major}.${minor}+`);
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names.at(-1)}` : `${names[0]}`;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

// '2026-04-30' → '30 April 2026' (written out: no locale data needed).
function longDate(iso: string): string {
  const [year, month, day] = iso.split('-').map(Number);
  return `${day} ${MONTHS[(month ?? 1) - 1]} ${year}`;
}
