// The @example blocks of a package's doc comments, compiled. An example is code a learner copies,
// so an example that no longer compiles is a bug, found here with its file and line.
//
// Each example becomes a small module beside its source file (so an import in it reads as it
// would there) that imports everything the package exports and everything its own file exports,
// and all of them are type-checked together with the package's tsconfig. The few names an
// example may use without making them, because its doc comment is about them ("the listening
// server", "a connected conn"), are declared in GIVEN below.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { ownSourceProgram } from './own-source.ts';

/** One @example block: the file and line its code starts on, and the code. */
export interface DocExample {
  readonly file: string;
  readonly line: number;
  readonly code: string;
}

/**
 * What every example may use without declaring it. Declared, not created: examples are compiled,
 * never run. Global, so that an example's own `const server = ...` simply shadows these.
 */
const GIVEN = (entry: string): string => `
type Package = typeof import('${entry}');
declare global {
  /** A listening TCP socket. */
  const server: InstanceType<Package['Socket']>;
  /** A TCP socket connected to server. */
  const client: InstanceType<Package['Socket']>;
  /** The connection server.accept() returned for client. */
  const conn: InstanceType<Package['Socket']>;
  /** A port number. */
  const port: number;
  /** The Node stream under a socket. */
  const stream: import('node:net').Socket;
  /** A DNS resolver, such as the one testbed's fake DNS server makes. */
  const resolver: import('node:dns').promises.Resolver;
}
export {};
`;

/**
 * Every @example in the .ts files below `dir`, in file order.
 *
 * @example
 * const examples = extractExamples('src');
 */
export function extractExamples(dir: string): DocExample[] {
  return sourceFiles(dir).flatMap((file) => examplesIn(file));
}

/** The @example blocks of one file. */
export function examplesIn(file: string): DocExample[] {
  const text = ts.sys.readFile(file) ?? '';
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const examples = new Map<number, DocExample>();
  const visit = (node: ts.Node): void => {
    for (const tag of ts.getJSDocTags(node)) {
      // A variable's tags are found on its statement and on its declaration: keep one.
      if (tag.tagName.text !== 'example' || examples.has(tag.pos)) continue;
      const code = ts.getTextOfJSDocComment(tag.comment) ?? '';
      const line = source.getLineAndCharacterOfPosition(tag.tagName.end).line + 2;
      examples.set(tag.pos, { file, line, code });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return [...examples.values()];
}

/**
 * Type-checks `examples` with the compiler options of `tsconfig`, each with every export of
 * `entry` (the package's index) and of its own file in scope. Returns one line per error,
 * `file:line: message`, pointing into the doc comment; none when every example compiles.
 *
 * @example
 * expect(compileExamples(extractExamples('src'), 'tsconfig.json', 'src/index.ts')).toEqual([]);
 */
export function compileExamples(
  examples: readonly DocExample[],
  tsconfig: string,
  entry: string,
): string[] {
  const options = {
    ...readCompilerOptions(tsconfig),
    // Examples import names they may not use, and import types without `import type`.
    noUnusedLocals: false,
    verbatimModuleSyntax: false,
  };
  const exported = exportNames([entry, ...new Set(examples.map((e) => e.file))]);
  const virtual = new Map<string, string>();
  const origin = new Map<string, { example: DocExample; firstLine: number }>();
  const givenFile = path.resolve(path.dirname(entry), '__doc-examples-given.ts');
  virtual.set(givenFile, GIVEN(path.resolve(entry)));
  examples.forEach((example, index) => {
    const file = path.resolve(example.file).replace(/\.ts$/, `.__example-${index}.ts`);
    const ownNames = (exported.get(path.resolve(example.file)) ?? []).filter(
      (name) => !exported.get(path.resolve(entry))?.includes(name),
    );
    const prelude = [
      importLine(exported.get(path.resolve(entry)) ?? [], relativeImport(file, entry)),
      importLine(ownNames, relativeImport(file, example.file)),
    ].filter((line) => line !== '');
    virtual.set(file, [...prelude, example.code, 'export {};', ''].join('\n'));
    origin.set(file, { example, firstLine: prelude.length });
  });

  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (name) => virtual.has(path.resolve(name)) || fileExists(name);
  host.readFile = (name) => virtual.get(path.resolve(name)) ?? readFile(name);
  host.getSourceFile = (name, language, ...rest) => {
    const text = virtual.get(path.resolve(name));
    return text === undefined
      ? getSourceFile(name, language, ...rest)
      : ts.createSourceFile(name, text, language, true);
  };
  const program = ts.createProgram({ rootNames: [...virtual.keys()], options, host });

  // Only the examples are checked: the package's own files are the typecheck's job.
  const diagnostics = [
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
    ...[...virtual.keys()].flatMap((file) => {
      const source = program.getSourceFile(file);
      return source
        ? [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)]
        : [];
    }),
  ];
  const errors: string[] = [];
  for (const diagnostic of diagnostics) {
    const file = diagnostic.file?.fileName;
    const from = file === undefined ? undefined : origin.get(path.resolve(file));
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
    if (!from || diagnostic.file === undefined || diagnostic.start === undefined) {
      errors.push(`${file ?? '(no file)'}: ${message}`);
      continue;
    }
    const line = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line;
    errors.push(`${from.example.file}:${from.example.line + line - from.firstLine}: ${message}`);
  }
  return errors;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return sourceFiles(full);
      return entry.name.endsWith('.ts') ? [full] : [];
    });
}

function readCompilerOptions(tsconfig: string): ts.CompilerOptions {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    tsconfig,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, ' '));
      },
    },
  );
  if (!parsed) throw new Error(`compileExamples: cannot read ${tsconfig}`);
  return parsed.options;
}

/** The names each file exports (absolute path -> names), read without type-checking. */
function exportNames(files: readonly string[]): Map<string, string[]> {
  const absolute = files.map((file) => path.resolve(file));
  const program = ownSourceProgram(absolute);
  const checker = program.getTypeChecker();
  const names = new Map<string, string[]>();
  for (const file of absolute) {
    const source = program.getSourceFile(file);
    const module = source && checker.getSymbolAtLocation(source);
    names.set(file, module ? checker.getExportsOfModule(module).map((symbol) => symbol.name) : []);
  }
  return names;
}

function importLine(names: readonly string[], from: string): string {
  return names.length === 0 ? '' : `import { ${names.join(', ')} } from '${from}';`;
}

function relativeImport(fromFile: string, toFile: string): string {
  const relative = path.relative(path.dirname(fromFile), path.resolve(toFile));
  return relative.startsWith('.') ? relative : `./${relative}`;
}
