import path from 'path';
import { generateCustomFunctionsMetadata } from 'custom-functions-metadata';
import { TranslationTable, ZH_CN, localizeMetadata } from '../../src/functions/metadata-zh-cn';

const SOURCE = path.join(__dirname, '../../src/functions/functions.ts');

interface Parameter {
  name: string;
  dimensionality?: string;
  optional?: boolean;
  type?: string;
}
interface Fn {
  id: string;
  name: string;
  description: string;
  parameters: Parameter[];
  result: { dimensionality?: string; type?: string };
}

let metadata: { functions: Fn[] };
let associate: { id: string; functionName: string }[];

beforeAll(async () => {
  const result = await generateCustomFunctionsMetadata(SOURCE);
  expect(result.errors).toEqual([]);
  metadata = JSON.parse(result.metadataJson);
  associate = result.associate;
});

const shape = (f: Fn) => ({
  id: f.id,
  name: f.name,
  parameters: f.parameters.map((p) => [p.name, p.dimensionality ?? 'scalar', p.optional === true]),
  result: f.result.dimensionality ?? 'scalar',
});

test('functions.json from the JSDoc: exactly these ids, parameters and dimensionality', () => {
  expect(metadata.functions.map(shape)).toEqual([
    {
      id: 'CHECK',
      name: 'CHECK',
      parameters: [
        ['table2', 'matrix', false],
        ['table3', 'matrix', false],
        ['table4', 'matrix', false],
        ['priorTable3', 'matrix', true],
      ],
      result: 'matrix',
    },
    {
      id: 'ERRORS',
      name: 'ERRORS',
      parameters: [
        ['table2', 'matrix', false],
        ['table3', 'matrix', false],
        ['table4', 'matrix', false],
      ],
      result: 'scalar',
    },
    {
      id: 'BALANCE',
      name: 'BALANCE',
      parameters: [
        ['received', 'scalar', false],
        ['carriedIn', 'scalar', false],
        ['total', 'scalar', false],
        ['carriedOut', 'scalar', false],
      ],
      result: 'scalar',
    },
    {
      id: 'SUMCHECK',
      name: 'SUMCHECK',
      parameters: [
        ['total', 'scalar', false],
        ['details', 'matrix', false],
      ],
      result: 'scalar',
    },
  ]);
  expect(metadata.functions.find((f) => f.id === 'ERRORS')!.result.type).toBe('number');
  // Every parameter is `any`: a cell may hold text or an error, and the function reports it.
  for (const f of metadata.functions) for (const p of f.parameters) expect(p.type).toBe('any');
  for (const f of metadata.functions) expect(f.description.length).toBeGreaterThan(20);
});

test('each function is associated by name (none dropped as an arrow function)', () => {
  expect(associate.map((a) => [a.id, a.functionName])).toEqual([
    ['CHECK', 'check'],
    ['ERRORS', 'errors'],
    ['BALANCE', 'balance'],
    ['SUMCHECK', 'sumcheck'],
  ]);
});

test('zh-CN metadata: same ids, names and options; Chinese descriptions and parameter names', () => {
  const zh = localizeMetadata(metadata) as { functions: Fn[] };
  expect(zh.functions.map((f) => f.id)).toEqual(metadata.functions.map((f) => f.id));
  // One name in every display language: a formula names NIANBAO.CHECK, and Excel never maps a translated name back (office-js#891).
  expect(zh.functions.map((f) => f.name)).toEqual(['CHECK', 'ERRORS', 'BALANCE', 'SUMCHECK']);
  expect(zh.functions[0].parameters.map((p) => p.name)).toEqual(['表二', '表三', '表四', '上年表三']);
  expect(zh.functions[2].parameters.map((p) => p.name)).toEqual(['本年新收', '上年结转', '办理总计', '结转下年']);
  expect(zh.functions[3].parameters.map((p) => p.name)).toEqual(['合计', '明细']);
  zh.functions.forEach((f, i) => {
    const en = metadata.functions[i];
    expect(f.result).toEqual(en.result);
    expect(f.parameters.map((p) => [p.dimensionality, p.optional, p.type])).toEqual(en.parameters.map((p) => [p.dimensionality, p.optional, p.type]));
    expect(f.description).toMatch(/[\u4e00-\u9fff]/);
  });
});

test('no description offers NIANBAO.ERRORS for conditional formatting: Excel does not evaluate custom functions there', () => {
  const zh = localizeMetadata(metadata) as { functions: Fn[] };
  for (const f of [...metadata.functions, ...zh.functions]) expect([f.id, f.description]).not.toEqual([f.id, expect.stringMatching(/conditional format|条件格式/i)]);
});

test('a table drifted from the functions fails the build, naming what drifted', () => {
  const missing = { ...ZH_CN };
  delete (missing as Record<string, unknown>).SUMCHECK;
  expect(() => localizeMetadata(metadata, missing)).toThrow(/no translation for SUMCHECK/);
  const extraParam = { ...ZH_CN, BALANCE: { ...ZH_CN.BALANCE, parameters: { ...ZH_CN.BALANCE.parameters, extra: { name: '多余', description: 'x' } } } };
  expect(() => localizeMetadata(metadata, extraParam)).toThrow(/BALANCE: translation for unknown parameter extra/);
  // A translated function name is refused: it would show #NAME? in another display language.
  const translatedName = { ...ZH_CN, CHECK: { ...ZH_CN.CHECK, name: '勾稽校验' } };
  expect(() => localizeMetadata(metadata, translatedName)).toThrow();
  expect(() => TranslationTable.parse({ check: ZH_CN.CHECK })).toThrow();
});
