// `pnpm lab export <dir> [--labs chapter3,chapter5] [--force]`: writes the repository a class
// gets. A copy of the course's last commit without any reference solutions (labs/*/solutions/),
// and with --labs only those labs (and no docs/, which is built from every lab); plus
// netprog-class.json (this is a student copy), a CI workflow that grades every lab, and the few
// edits that make `pnpm test` meaningful without solutions (export/rewrite.ts). Exit 0 when
// written, 2 when the command or the target folder is wrong.
import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { Context } from '../context.ts';
import { discoverLabs, selectLab } from '../course/discover.ts';
import { isStudentCopy, STUDENT_COPY_MARKER, studentCopyMarker } from '../course/student-copy.ts';
import { LabConfigError, UsageError } from '../errors.ts';
import { committedTree, readObjects, uncommittedChanges } from '../export/git-tree.ts';
import { GENERATED_FILES, planExport } from '../export/plan.ts';
import { classVersion } from '../export/rewrite.ts';
import { checkTarget, clearTarget } from '../export/target-dir.ts';
import { type CopyFile, writeCopy } from '../export/write-copy.ts';
import { formatExportReport } from '../output/export-report.ts';
import { displayPath, painter, useColor } from '../output/style.ts';

const WORKFLOW_TEMPLATE = new URL('../../templates/grade.yml', import.meta.url);

export interface ExportOptions {
  /** Where to write the copy, relative to where the command was typed. */
  readonly dir: string;
  /** Lab selectors (ids, chapter numbers, aliases); every lab when undefined. */
  readonly labs?: readonly string[];
  /** Replace the contents of a non-empty folder (all but .git). */
  readonly force: boolean;
}

/**
 * Exports a class copy and returns the exit code.
 * @example
 * process.exitCode = await exportCommand(context, { dir: '../class', force: false });
 */
export async function exportCommand(context: Context, options: ExportOptions): Promise<number> {
  const { root, io } = context;
  if (await isStudentCopy(root)) {
    throw new UsageError(
      `${root} is already a student copy (${STUDENT_COPY_MARKER}), without solutions: export from the course repository`,
    );
  }
  const only = await chosenLabFolders(root, options.labs);
  // Everything that can refuse comes before anything is deleted or written.
  const target = await checkTarget(root, resolve(io.cwd, options.dir), options.force);
  const tree = await committedTree(root);
  const plan = planExport(tree.entries, { only });
  const uncommittedLab = only?.find((lab) => !plan.labs.includes(lab));
  if (uncommittedLab) {
    throw new UsageError(
      `labs/${uncommittedLab} is not in the last commit (${tree.commit.slice(0, 10)}), which is what export copies: commit it first`,
    );
  }
  const contents = await readObjects(
    root,
    plan.files.map((f) => f.object),
  );
  const rewrite = { labs: new Set(plan.labs), docsLeftOut: plan.leftOut.docs };
  const files: CopyFile[] = plan.files.map((entry) => {
    const content = contents.get(entry.object);
    if (!content) throw new Error(`git cat-file did not return ${entry.object} (${entry.path})`);
    return {
      path: entry.path,
      mode: entry.mode,
      content: entry.mode === '120000' ? content : classVersion(entry.path, content, rewrite),
    };
  });
  const leftOut = [
    'labs/*/solutions/',
    ...(plan.leftOut.mutantFiles > 0 ? ['labs/*/mutants/'] : []),
    ...plan.leftOut.labs.map((lab) => `labs/${lab}/`),
    ...(plan.leftOut.docs ? ['docs/'] : []),
  ];
  const [marker, workflow] = GENERATED_FILES;
  files.push(
    {
      path: marker,
      mode: '100644',
      content: Buffer.from(studentCopyMarker({ commit: tree.commit, labs: plan.labs, leftOut })),
    },
    { path: workflow, mode: '100644', content: await readFile(WORKFLOW_TEMPLATE) },
  );
  const changed = await uncommittedChanges(root);

  await clearTarget(target);
  await writeCopy(target.dir, files);

  const paint = painter(useColor(io.stdout, io.env));
  io.stdout.write(
    formatExportReport(
      {
        dir: target.dir,
        shownDir: displayPath(io.cwd, target.dir),
        commit: tree.commit,
        plan,
        written: files.length,
        added: { marker, workflow },
        replaced: target.existing.length,
        git: target.git,
        uncommitted: changed,
      },
      paint,
    ),
  );
  return 0;
}

// The lab folders --labs names (undefined: every lab). Every lab exported must load: a class
// copy whose lab cannot be graded helps nobody.
async function chosenLabFolders(
  root: string,
  selectors: readonly string[] | undefined,
): Promise<string[] | undefined> {
  const found = await discoverLabs(root);
  if (selectors === undefined) {
    const broken = found.find((f) => f.error);
    if (broken?.error) {
      throw new LabConfigError(`cannot export ${broken.id}: ${broken.error.message}`);
    }
    return undefined;
  }
  return [...new Set(selectors.map((s) => basename(selectLab(found, s).dir)))];
}
