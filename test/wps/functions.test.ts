/// <reference types="et-jsapi-declare" />
/**
 * The worksheet functions as WPS's own generator declares them, and registered where the
 * documentation registers them.
 *
 * Kingsoft's wpsjs 2.2.3 builds the metadata from the TypeScript signatures (src/vite_plugins.js,
 * TsParser.parseType and parseParameter): an array is "<element>[]" per level and must be
 * two-dimensional, string/number/boolean become "string"/"number"/"bool", anything else "any", and
 * an optional parameter gets "?". The same rules run here over src/functions/functions.ts with the
 * TypeScript compiler, and must give what src/wps/functions.ts declares.
 */
import path from 'path';
import ts from 'typescript';
import { check } from '../../src/functions/functions';
import { FUNCTION_IDS, NAMESPACE, functionsNote, functionsState, metadataOf, registerFunctions } from '../../src/wps/functions';
import { FakeEt } from '../fakes/wps-fake';

const SOURCE = path.join(__dirname, '../../src/functions/functions.ts');

/** vite_plugins.js parseType, as written there. */
function parseType(checker: ts.TypeChecker, type: ts.Type, level = 0): string {
  if (type.getSymbol()?.getName() === 'Array') {
    level += 1;
    const [element] = checker.getTypeArguments(type as ts.TypeReference);
    if (element.getSymbol()?.getName() !== 'Array' && level !== 2) throw new Error('一维或多维数组不支持');
    return `${parseType(checker, element, level)}[]`;
  }
  if (type.isUnion()) return type.types.every((t) => t.getFlags() === ts.TypeFlags.BooleanLiteral) ? 'boolean' : 'any';
  const flags = type.getFlags();
  if (flags & ts.TypeFlags.String) return 'string';
  if (flags & ts.TypeFlags.Number) return 'number';
  if (flags & ts.TypeFlags.Boolean) return 'bool';
  return 'any';
}

/** What wpsjs's generator would declare for each exported function of functions.ts. */
function generated(): Map<string, { parameters: string[]; result: string }> {
  const program = ts.createProgram([SOURCE], { strict: true, target: ts.ScriptTarget.ES2020, noEmit: true });
  const checker = program.getTypeChecker();
  const out = new Map<string, { parameters: string[]; result: string }>();
  ts.forEachChild(program.getSourceFile(SOURCE)!, (node) => {
    if (!ts.isFunctionDeclaration(node) || !node.name || !node.type || !(FUNCTION_IDS as string[]).includes(node.name.text.toUpperCase())) return;
    const parameters = node.parameters.map((p) => parseType(checker, checker.getTypeFromTypeNode(p.type!)) + (p.questionToken ? '?' : ''));
    out.set(node.name.text.toUpperCase(), { parameters, result: parseType(checker, checker.getTypeFromTypeNode(node.type)) });
  });
  return out;
}

test("each function's metadata is what wpsjs's generator makes of its TypeScript signature", () => {
  const theirs = generated();
  expect([...theirs.keys()].sort()).toEqual([...FUNCTION_IDS].sort());
  for (const id of FUNCTION_IDS) {
    const ours = metadataOf(id);
    expect([id, ours.parameters.map((p) => p.type), ours.result.type]).toEqual([id, theirs.get(id)!.parameters, theirs.get(id)!.result]);
  }
  // The tables are two-dimensional, the prior table optional, the findings a spilled grid.
  expect(metadataOf('CHECK').parameters.map((p) => p.type)).toEqual(['any[][]', 'any[][]', 'any[][]', 'any[][]?']);
  expect(metadataOf('CHECK').result.type).toBe('any[][]');
});

describe('registration', () => {
  let uninstall: (() => void) | null = null;
  afterEach(() => {
    uninstall?.();
    uninstall = null;
  });

  function fresh(options: ConstructorParameters<typeof FakeEt>[0] = {}) {
    const fake = new FakeEt(options);
    fake.addSheet('Sheet1');
    uninstall = fake.install();
    let mod!: typeof import('../../src/wps/functions');
    jest.isolateModules(() => {
      mod = require('../../src/wps/functions');
    });
    return { fake, mod };
  }

  test('through wps.AddCustomFunction, as documented; a 3-argument CHECK is accepted and ranges arrive as grids', () => {
    const { fake, mod } = fresh();
    expect(mod.registerFunctions(fake.app)).toEqual({ state: 'registered' });
    expect(mod.functionsState(fake.app)).toEqual({ state: 'registered' });
    const t = (rows: number, cols: number) => Array.from({ length: rows }, () => Array.from({ length: cols }, () => 0));
    // Declared as scalars, the grids would arrive as their first values and CHECK would answer 表格不可读.
    const tables = [t(3, 7), t(25, 7), t(4, 5)] as const;
    const found = fake.callFunction(`${NAMESPACE}.CHECK`, ...tables);
    expect(found).toEqual(check(...tables));
    expect(found).not.toEqual(check(0 as never, 0 as never, 0 as never));
    expect(fake.callFunction(`${NAMESPACE}.SUMCHECK`, [[6]], [[3], [3]])).toBe('✓');
  });

  test('through Application where only it has AddCustomFunction', () => {
    const { fake, mod } = fresh({ functionsOn: 'Application' });
    expect(mod.registerFunctions(fake.app)).toEqual({ state: 'registered' });
    expect(fake.functions.size).toBe(FUNCTION_IDS.length);
  });

  test('an older WPS and a refusing one: what happened is kept for the pane and the 自检, nothing thrown', () => {
    const old = fresh({ customFunctions: false });
    expect(old.mod.registerFunctions(old.fake.app)).toEqual({ state: 'unsupported' });
    expect(functionsState(old.fake.app)).toEqual({ state: 'unsupported' });
    uninstall?.();
    const refusing = fresh({ customFunctions: 'throws' });
    expect(refusing.mod.registerFunctions(refusing.fake.app)).toEqual({ state: 'failed', error: 'AddCustomFunction: 加载项未获授权' });
    expect(functionsNote(functionsState(refusing.fake.app))).toContain('未能注册（AddCustomFunction: 加载项未获授权）');
    expect(functionsNote({ state: 'registered' })).toBeNull();
    expect(functionsNote(null)).toBeNull();
  });

  test('a kept state that is not ours is ignored', () => {
    const fake = new FakeEt();
    fake.storage.set('nianbao.functions', '{"state":"failed"}');
    expect(functionsState(fake.app)).toBeNull();
    fake.storage.set('nianbao.functions', 'not json');
    expect(functionsState(fake.app)).toBeNull();
    expect(registerFunctions).toBeDefined();
  });
});
