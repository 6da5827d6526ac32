// The --help text of every command. Plain text, short, with the commands a student actually types.
import type { HelpTopic } from './parse-args.ts';

const TEXT: Record<HelpTopic, string> = {
  main: `pnpm lab: run, grade and watch the course's labs

Usage:
  pnpm lab                         list every lab with your progress and what to do next
  pnpm lab <lab>                   grade a lab; in a terminal, re-grade on every save
  pnpm lab <lab> hint [exercise]   show one more hint (for the first unfinished exercise by default)
  pnpm lab <lab> reset <exercise>  restore an exercise's starter (your version is backed up)
  pnpm lab check [lab]             the graded tests are the ones lab.json records
  pnpm lab verify [lab]            authors: every starter fails, every solution passes
  pnpm lab rehash [lab]            authors: record the hashes of tests and starters in lab.json
  pnpm lab grade-all               teachers, CI: grade every lab once, with a summary
  pnpm lab export <dir>            teachers: write a class's copy of the course, without solutions

<lab> is a lab's id (chapter3), its chapter number (3) or an alias (client).
Add --help to any command for its options. Exit codes: 0 all pass, 1 something fails,
2 the command was wrong (unknown lab, exercise or option).
`,
  grade: `pnpm lab <lab> [options]: grade a lab and show the scoreboard

In a terminal the lab's exercises/ folder is then watched and re-graded on every save, until
Ctrl-C (keys: r re-grade, h hint, q quit). Without a terminal (CI, a pipe) it grades once.

Options:
  --once         grade once and exit, even in a terminal
  --json         print the results as JSON (grades once)
  --junit FILE   also write JUnit XML to FILE (grades once)
  --ci           fail (exit 1) when a protected test file was changed; grades once
  --solution     grade the reference solutions instead of your exercises (authors, teachers)
  --verbose      also print what vitest itself reported (for debugging the grader)
  --root DIR     use the labs in DIR/labs instead of this repository's

Examples:
  pnpm lab chapter3
  pnpm lab 3 --once
  pnpm lab client --ci --json > results.json
`,
  hint: `pnpm lab <lab> hint [exercise]: show the next hint

Each time you ask for the same exercise, one more hint is revealed (the earlier ones are shown
again). Without an exercise, hints are for the first exercise that does not pass yet.

Example:
  pnpm lab chapter3 hint connect
`,
  reset: `pnpm lab <lab> reset <exercise> [--yes]: restore an exercise's starter

Asks for confirmation (or pass --yes), then saves your current file in the lab's .lab/backups/
folder and puts the original starter back.

Example:
  pnpm lab chapter3 reset connect
`,
  verify: `pnpm lab verify [lab]: check that a lab is fair (for authors and CI)

For every lab (or the one named): the graded test files match the hashes in lab.json, the
exercises are the recorded starters, every graded test fails on the starters and every exercise
passes with full marks on the reference solutions. Exits 1 on any problem.

Options:
  --verbose      also print what vitest itself reported

Example:
  pnpm lab verify chapter3
`,
  rehash: `pnpm lab rehash [lab]: record hashes in lab.json (for authors)

Writes testHashes (every graded test file) and starterHashes (every exercise starter) into the
lab.json of every lab (or the one named). Run it after changing a test or a starter, on a clean
checkout: the starters must be the originals. Then commit lab.json with the change.

Example:
  pnpm lab rehash chapter3
`,
  check: `pnpm lab check [lab]: check that the graded tests are the course's

For every lab (or the one named): lab.json is valid, every graded test file matches its hash in
lab.json, and every tests/*.test.ts belongs to an exercise. It grades nothing, so it passes
whatever your exercises hold; it is each lab's \`pnpm test\` in a class copy of the course, where
verify cannot run. Exits 1 on any problem.

Example:
  pnpm lab check chapter3
`,
  'grade-all': `pnpm lab grade-all [options]: grade every lab once (for teachers and CI)

Grades each lab in turn (a lab that fails does not stop the others), prints each scoreboard and
a summary of all. Exits 0 when every exercise of every lab passes, 1 otherwise.

Options:
  --labs LIST    only these labs, e.g. --labs chapter3,chapter5 (ids, numbers or aliases)
  --ci           also fail (exit 1) when a graded test file does not match lab.json
  --results DIR  write DIR/<lab>.json, DIR/<lab>.xml (JUnit) and DIR/summary.md (Markdown)
  --verbose      also print what vitest itself reported

Example:
  pnpm lab grade-all --ci --results lab-results
`,
  export: `pnpm lab export <dir> [options]: write a class's copy of the course (for teachers)

Writes into <dir> the files of the course's last commit that git tracks, without any reference
solutions (labs/*/solutions/), plus netprog-class.json (marks a student copy: --solution and
verify refuse there) and .github/workflows/grade.yml (grades every lab on each push). Each lab's
test script runs \`pnpm lab check\` instead of verify, so \`pnpm test\` passes in the copy.
<dir> must be outside this repository, and new or empty (a lone .git is fine).

Options:
  --labs LIST    only these labs, e.g. --labs chapter3,chapter5; the other labs and docs/ (the
                 course site, built from every lab) are left out
  --force        <dir> is not empty: delete everything in it but .git, then export (to update a
                 class repository from the course: review \`git diff\` there, then commit)

Examples:
  pnpm lab export ../netprog-class
  pnpm lab export ../net-101 --labs 3,5
`,
};

/**
 * The help text for a topic.
 * @example
 * process.stdout.write(helpText('grade'));
 */
export function helpText(topic: HelpTopic): string {
  return TEXT[topic];
}
