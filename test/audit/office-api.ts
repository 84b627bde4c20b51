/**
 * Every Office.js member the add-in uses, with the requirement set @types/office-js annotates it
 * with, read by the TypeScript compiler over the add-in's own sources: the audit cannot drift
 * from the code or from the typings.
 *
 * A member's set is taken from its declaration's doc comment: "[Api set: ExcelApi 1.9]" (the
 * Excel API) or "**Requirement set**: {@link … | SharedRuntime 1.1}" (the common API). Where a
 * comment names several versions ("ExcelApi 1.1 for get, 1.8 for set") the highest counts.
 * Sets of other applications (Mailbox, WordApi, PowerPointApi, OneNoteApi…) say nothing about
 * Excel: a member shared by all hosts, such as the ribbon's Event.completed, carries Outlook's
 * note ("The following outlines support information for Outlook"), which is left out.
 * A member above what the manifest declares must sit behind a requirement-set check: in the
 * branch of an `if`, `?:` or `&&` whose condition calls `isSetSupported('SET', 'X')` (or the
 * Excel host's `supports('X')`, which is ExcelApi), or after an early `if (!…) return` of one,
 * with X at least the member's version.
 */
import fs from 'fs';
import path from 'path';
import ts from 'typescript';

export interface Use {
  /** "Excel.Worksheet.names" */
  member: string;
  /** "ExcelApi" — null when the typings give none (the common API's base). */
  set: string | null;
  version: string | null;
  /** Relative to the repository: "src/excel/read.ts". */
  file: string;
  line: number;
  /** The version a surrounding requirement-set check asks for, if any. */
  guardedBy: string | null;
}

const ROOT = path.join(__dirname, '../..');
const OFFICE_TYPES = path.join(ROOT, 'node_modules/@types/office-js/index.d.ts');

/** The requirement sets manifest.xml declares in <Requirements>: { ExcelApi: '1.9', … }. */
export function declaredSets(manifest = fs.readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8')): Record<string, string> {
  const block = /<Requirements>([\s\S]*?)<\/Requirements>/.exec(manifest)?.[1] ?? '';
  const out: Record<string, string> = {};
  for (const m of block.matchAll(/<Set\s+Name="([^"]+)"\s+MinVersion="([^"]+)"/g)) out[m[1]] = m[2];
  return out;
}

export const versionAtLeast = (have: string, want: string): boolean => {
  const a = have.split('.').map(Number);
  const b = want.split('.').map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  return true;
};

const OTHER_APPLICATIONS = /^(Mailbox|Word|PowerPoint|OneNote|Visio|Project|Outlook)/;

/** The set and highest version a declaration's doc comment names. */
function annotation(decl: ts.Declaration): { set: string; version: string } | null {
  const file = decl.getSourceFile();
  const text = file.text;
  const ranges = ts.getLeadingCommentRanges(text, decl.getFullStart()) ?? [];
  const comment = ranges.map((r) => text.slice(r.pos, r.end)).join('\n');
  const api = /\[Api set: ([A-Za-z]+) ([^\]]*)\]/.exec(comment);
  const common = /\*\*Requirement set\*\*: \{@link [^|]*\| ([A-Za-z]+) ([\d.]+)\}/.exec(comment);
  const found = api ?? common;
  if (!found || OTHER_APPLICATIONS.test(found[1])) return null;
  const versions = [...found[2].matchAll(/\b(\d+\.\d+)\b/g)].map((m) => m[1]);
  if (versions.length === 0) return null;
  return { set: found[1], version: versions.reduce((a, b) => (versionAtLeast(a, b) ? a : b)) };
}

/** What a condition checks: 'ExcelApi 1.18' for `supports('1.18')` or `isSetSupported('ExcelApi', '1.18')`. */
function checks(condition: ts.Expression): { set: string; version: string }[] {
  const out: { set: string; version: string }[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n)) {
      const callee = ts.isPropertyAccessExpression(n.expression) ? n.expression.name.text : ts.isIdentifier(n.expression) ? n.expression.text : '';
      const args = n.arguments.map((a) => (ts.isStringLiteral(a) ? a.text : null));
      if (callee === 'isSetSupported' && args[0] && args[1]) out.push({ set: args[0], version: args[1] });
      if (callee === 'supports' && args[0] && args.length === 1) out.push({ set: 'ExcelApi', version: args[0] });
    }
    ts.forEachChild(n, visit);
  };
  visit(condition);
  return out;
}

const isNegated = (e: ts.Expression): boolean => ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken;
const exits = (s: ts.Statement): boolean => ts.isReturnStatement(s) || ts.isThrowStatement(s) || (ts.isBlock(s) && s.statements.length > 0 && exits(s.statements[s.statements.length - 1]));

/** The requirement-set checks a node sits behind. */
function guardsOf(node: ts.Node): { set: string; version: string }[] {
  const out: { set: string; version: string }[] = [];
  let child: ts.Node = node;
  for (let n = node.parent; n; child = n, n = n.parent) {
    if (ts.isIfStatement(n) && child === n.thenStatement) out.push(...checks(n.expression));
    if (ts.isConditionalExpression(n) && child === n.whenTrue) out.push(...checks(n.condition));
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken && child === n.right) out.push(...checks(n.left));
    if (ts.isBlock(n) || ts.isSourceFile(n)) {
      // An early exit before this statement: `if (!supports('1.9')) return …;`
      for (const s of n.statements) {
        if (s === child) break;
        if (ts.isIfStatement(s) && isNegated(s.expression) && exits(s.thenStatement)) out.push(...checks(s.expression));
      }
    }
  }
  return out;
}

/** Files under these folders (relative to the repository), .ts only. */
export function sourcesUnder(dirs: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(p);
    }
  };
  for (const d of dirs) walk(path.join(ROOT, d));
  return out.sort();
}

/**
 * Every use of an Office.js member in these files (absolute paths), with `extra` files held in
 * memory (for tests of the audit itself).
 */
export function officeUses(files: readonly string[], extra: Record<string, string> = {}): Use[] {
  const options: ts.CompilerOptions = { target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10, strict: true, esModuleInterop: true, skipLibCheck: true, resolveJsonModule: true, lib: ['lib.es2021.d.ts', 'lib.dom.d.ts'], types: ['office-js', 'node'], typeRoots: [path.join(ROOT, 'node_modules/@types')], noEmit: true };
  const host = ts.createCompilerHost(options);
  const read = host.readFile.bind(host);
  const exists = host.fileExists.bind(host);
  const get = host.getSourceFile.bind(host);
  host.readFile = (f) => extra[f] ?? read(f);
  host.fileExists = (f) => f in extra || exists(f);
  host.getSourceFile = (f, lang, ...rest) => (f in extra ? ts.createSourceFile(f, extra[f], lang, true) : get(f, lang, ...rest));
  const program = ts.createProgram([...files, ...Object.keys(extra)], options, host);
  const checker = program.getTypeChecker();
  const wanted = new Set([...files, ...Object.keys(extra)].map((f) => path.resolve(f)));
  const uses: Use[] = [];
  for (const sf of program.getSourceFiles()) {
    if (!wanted.has(path.resolve(sf.fileName))) continue;
    const visit = (n: ts.Node): void => {
      if (ts.isPropertyAccessExpression(n)) {
        let symbol = checker.getSymbolAtLocation(n.name);
        if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
        const decls = symbol?.declarations?.filter((d) => path.resolve(d.getSourceFile().fileName) === OFFICE_TYPES) ?? [];
        if (symbol && decls.length > 0) {
          const notes = decls.map(annotation).filter((a): a is { set: string; version: string } => a !== null);
          // Overloads: the lowest set any of them needs.
          const note = notes.reduce<{ set: string; version: string } | null>((a, b) => (a === null || versionAtLeast(a.version, b.version) ? b : a), null);
          const guard = note ? guardsOf(n).filter((g) => g.set === note.set && versionAtLeast(g.version, note.version))[0] : undefined;
          uses.push({
            member: checker.getFullyQualifiedName(symbol).replace(/^"[^"]*"\./, ''),
            set: note?.set ?? null,
            version: note?.version ?? null,
            file: path.relative(ROOT, sf.fileName).split(path.sep).join('/'),
            line: sf.getLineAndCharacterOfPosition(n.name.getStart()).line + 1,
            guardedBy: guard ? `${guard.set} ${guard.version}` : null,
          });
        }
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return uses;
}

/** The uses that need a set the manifest does not declare and sit behind no check for it. */
export function violations(uses: readonly Use[], declared: Record<string, string>): string[] {
  const out: string[] = [];
  for (const u of uses) {
    if (u.set === null || u.version === null || u.guardedBy !== null) continue;
    const have = declared[u.set];
    if (have !== undefined && versionAtLeast(have, u.version)) continue;
    out.push(`${u.member} needs ${u.set} ${u.version} (manifest: ${have ? `${u.set} ${have}` : `no ${u.set}`}) in ${u.file}:${u.line}, with no isSetSupported check`);
  }
  return out;
}
