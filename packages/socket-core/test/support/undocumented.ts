// Which public functions, classes and methods of a package lack the doc comment they need. The
// TypeScript compiler reads the package's entry file and follows its exports, so the check
// covers exactly what `import { ... } from '@netprog/socket-core'` can reach.
import ts from 'typescript';
import { ownSourceProgram } from './own-source.ts';

/**
 * Names (`Socket.recv`, `createServer`) of the exported functions, classes and class members
 * that can be called (methods, accessors, including those a class inherits) reachable from
 * `entryFile` that lack what they need: a doc comment, with an `@example` unless the member only
 * hands back a value (a getter, or a method without parameters whose body is one `return`), where
 * an example would only repeat the name. For overloads, one documented signature is enough; a
 * constructor without a doc comment of its own is covered by its class's example (which shows how
 * to make one). Types, interfaces and constants that are not functions are not checked: they
 * have no behaviour to show.
 *
 * @example
 * expect(undocumentedExports('src/index.ts')).toEqual([]);
 */
export function undocumentedExports(entryFile: string): string[] {
  const program = ownSourceProgram([entryFile]);
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(entryFile);
  const moduleSymbol = source && checker.getSymbolAtLocation(source);
  if (!moduleSymbol) throw new Error(`undocumentedExports: cannot read the module ${entryFile}`);
  const missing: string[] = [];
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    const symbol =
      exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    missing.push(...undocumentedIn(checker, symbol.declarations ?? [], exported.name));
  }
  return [...new Set(missing)].sort();
}

function undocumentedIn(
  checker: ts.TypeChecker,
  declarations: readonly ts.Declaration[],
  name: string,
): string[] {
  const functions = declarations.filter(
    (d) => ts.isFunctionDeclaration(d) || (ts.isVariableDeclaration(d) && isFunctionValue(d)),
  );
  if (functions.length > 0) return functions.some(hasExample) ? [] : [name];
  const classes = declarations.filter(ts.isClassDeclaration);
  if (classes.length === 0) return [];
  const missing = classes.some(hasExample) ? [] : [name];
  const members = new Map<string, ts.ClassElement[]>();
  for (const member of classes.flatMap((c) =>
    withBaseClasses(checker, c).flatMap((k) => [...k.members]),
  )) {
    if (!isPublicCallable(member)) continue;
    const key = memberName(member);
    members.set(key, [...(members.get(key) ?? []), member]);
  }
  for (const [key, signatures] of members) {
    if (key === 'constructor' && missing.length === 0 && !signatures.some(hasDocComment)) continue;
    const documented = signatures.some(onlyHandsBack)
      ? signatures.some(hasDocComment)
      : signatures.some(hasExample);
    if (!documented) missing.push(`${name}.${key}`);
  }
  return missing;
}

/** The class and the classes it extends, nearest first. */
function withBaseClasses(
  checker: ts.TypeChecker,
  declaration: ts.ClassDeclaration,
): ts.ClassDeclaration[] {
  const extended = declaration.heritageClauses?.find(
    (clause) => clause.token === ts.SyntaxKind.ExtendsKeyword,
  )?.types[0]?.expression;
  const symbol = extended && checker.getSymbolAtLocation(extended);
  if (!symbol) return [declaration];
  const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  const base = target.declarations?.find(ts.isClassDeclaration);
  return base ? [declaration, ...withBaseClasses(checker, base)] : [declaration];
}

/** A getter, or a method without parameters whose body is a single return statement. */
function onlyHandsBack(member: ts.ClassElement): boolean {
  if (ts.isGetAccessorDeclaration(member)) return true;
  if (!ts.isMethodDeclaration(member) || member.parameters.length > 0) return false;
  const statements = member.body?.statements ?? [];
  return (
    statements.length === 1 && statements[0] !== undefined && ts.isReturnStatement(statements[0])
  );
}

function isFunctionValue(declaration: ts.VariableDeclaration): boolean {
  const value = declaration.initializer;
  return value !== undefined && (ts.isArrowFunction(value) || ts.isFunctionExpression(value));
}

function isPublicCallable(member: ts.ClassElement): boolean {
  const callable =
    ts.isMethodDeclaration(member) ||
    ts.isGetAccessorDeclaration(member) ||
    ts.isSetAccessorDeclaration(member) ||
    ts.isConstructorDeclaration(member);
  if (!callable) return false;
  if (member.name && ts.isPrivateIdentifier(member.name)) return false;
  const flags = ts.getCombinedModifierFlags(member);
  return (flags & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) === 0;
}

function memberName(member: ts.ClassElement): string {
  if (ts.isConstructorDeclaration(member)) return 'constructor';
  return member.name ? member.name.getText() : '(anonymous)';
}

/** True when the node's doc comment has an @example tag. */
function hasExample(node: ts.Node): boolean {
  return ts.getJSDocTags(node).some((tag) => tag.tagName.text === 'example');
}

function hasDocComment(node: ts.Node): boolean {
  return ts.getJSDocCommentsAndTags(node).length > 0;
}
