// The few files a class copy changes, so that it works without the reference solutions. Pure:
// path and committed content in, the copy's content out; every other file is copied as it is.
//  - each lab's package.json: its `test` script runs `check` (the graded tests match lab.json)
//    instead of `verify`, which grades the solutions; `test:solutions` and `test:mutants` go;
//  - the root package.json: `test:mutants` goes (the copy has no mutants), and when docs/ was
//    left out, the scripts that build the course site;
//  - .gitignore: the folder `pnpm lab grade-all --results lab-results` writes.

/** The folder the class workflow writes results to (and the copy's .gitignore ignores). */
export const RESULTS_DIR = 'lab-results';

/**
 * What a lab's `test` script runs in a class copy: `pnpm lab check`, through the bin of
 * @netprog/lab that pnpm links into the lab's node_modules/.bin.
 * @example
 * classTestScript('chapter3'); // 'netprog-lab check chapter3'
 */
export function classTestScript(lab: string): string {
  return `netprog-lab check ${lab}`;
}

/** The root scripts that build or serve the course site (docs/). */
const SITE_SCRIPTS = ['docs', 'docs:build'];
/** The scripts that grade the recorded mutants, which a class copy leaves out. */
const MUTANT_SCRIPT = 'test:mutants';

export interface RewriteContext {
  /** The lab folders of the copy. */
  readonly labs: ReadonlySet<string>;
  /** Whether docs/ is left out of the copy. */
  readonly docsLeftOut: boolean;
}

/**
 * The content of `path` in the class copy.
 * @example
 * classVersion('labs/chapter3/package.json', text, { labs: new Set(['chapter3']), docsLeftOut: false });
 */
export function classVersion(path: string, content: Buffer, context: RewriteContext): Buffer {
  const lab = /^labs\/([^/]+)\/package\.json$/.exec(path)?.[1];
  if (lab !== undefined && context.labs.has(lab)) {
    return editScripts(content, (scripts) => {
      scripts.test = classTestScript(lab);
      delete scripts['test:solutions'];
      delete scripts[MUTANT_SCRIPT];
    });
  }
  if (path === 'package.json') {
    return editScripts(content, (scripts) => {
      delete scripts[MUTANT_SCRIPT];
      if (context.docsLeftOut) for (const name of SITE_SCRIPTS) delete scripts[name];
    });
  }
  if (path === '.gitignore') {
    const text = content.toString();
    const separator = text === '' || text.endsWith('\n') ? '' : '\n';
    return Buffer.from(
      `${text}${separator}# what \`pnpm lab grade-all --results ${RESULTS_DIR}\` writes (the class CI uploads it)\n${RESULTS_DIR}/\n`,
    );
  }
  return content;
}

function editScripts(content: Buffer, edit: (scripts: Record<string, string>) => void): Buffer {
  const json = JSON.parse(content.toString()) as { scripts?: Record<string, string> };
  const scripts = { ...json.scripts };
  edit(scripts);
  // Keys keep their order (JSON.parse and stringify preserve it), so the diff is the edit alone.
  return Buffer.from(`${JSON.stringify({ ...json, scripts }, null, 2)}\n`);
}
