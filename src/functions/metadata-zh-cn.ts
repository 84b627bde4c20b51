/**
 * Chinese descriptions and parameter names of the custom functions, keyed by function id.
 * functions.json is generated from the JSDoc of functions.ts and cannot be localized; the build
 * turns it and this table into functions-zh-cn.json (same ids), which the manifest serves to
 * Chinese Excel.
 *
 * The function names are NOT translated: NIANBAO.CHECK is NIANBAO.CHECK in every display
 * language. A formula the add-in writes, or a colleague types, names a function once; Excel
 * does not map a translated name back (office-js#891), so a Chinese name would turn into #NAME?
 * as soon as the workbook is opened in another display language.
 *
 * Runs at build time in Node (webpack.config.js) and in the tests, never in the add-in.
 */
import { z } from 'zod';

const ParameterName = z.string().regex(/^\p{L}[\p{L}\p{N}_]{0,63}$/u, '参数名须以字母开头，只含字母、数字和下划线');
const Description = z.string().min(1).max(255);

const FunctionTranslation = z.strictObject({
  description: Description,
  parameters: z.record(z.string(), z.strictObject({ name: ParameterName, description: Description })),
});

export const TranslationTable = z.record(z.string().regex(/^[A-Z][A-Z0-9_.]{2,}$/), FunctionTranslation);
export type TranslationTable = z.infer<typeof TranslationTable>;

export const ZH_CN: TranslationTable = {
  CHECK: {
    description: '校验年报三张表格的全部勾稽关系，逐条列出问题（规则、位置、说明）；全部通过时显示一个“✓”单元格。空白格按0计算。',
    parameters: {
      table2: { name: '表二', description: '表二“主动公开政府信息情况”整张表（含表头文字），模板中的名称为 NB_T2' },
      table3: { name: '表三', description: '表三“收到和处理政府信息公开申请情况”整张表（含表头文字），名称 NB_T3' },
      table4: { name: '表四', description: '表四“政府信息公开行政复议、行政诉讼情况”整张表（含表头文字），名称 NB_T4' },
      priorTable3: { name: '上年表三', description: '可选：上一年度年报的表三，用于核对“上年结转”与上年“结转下年度继续办理”' },
    },
  },
  ERRORS: {
    description: '年报三张表格中“错误”级问题的条数，全部通过时为0；可用于 IF 等公式',
    parameters: {
      table2: { name: '表二', description: '表二整张表（含表头文字），名称 NB_T2' },
      table3: { name: '表三', description: '表三整张表（含表头文字），名称 NB_T3' },
      table4: { name: '表四', description: '表四整张表（含表头文字），名称 NB_T4' },
    },
  },
  BALANCE: {
    description: '表三一列的勾稽关系：本年新收+上年结转=办理结果总计+结转下年度。成立时显示“✓”，否则显示差额（左边减右边）；有非数字时显示“含文本”',
    parameters: {
      received: { name: '本年新收', description: '一、本年新收政府信息公开申请数量' },
      carriedIn: { name: '上年结转', description: '二、上年结转政府信息公开申请数量' },
      total: { name: '办理总计', description: '三、本年度办理结果（七）总计' },
      carriedOut: { name: '结转下年', description: '四、结转下年度继续办理' },
    },
  },
  SUMCHECK: {
    description: '合计是否等于各项明细之和。成立时显示“✓”，否则显示差额（合计减明细之和）；有非数字时显示“含文本”',
    parameters: {
      total: { name: '合计', description: '合计数所在的单元格' },
      details: { name: '明细', description: '各项明细所在的区域' },
    },
  },
};

interface Metadata {
  functions: { id: string; name: string; description?: string; parameters: { name: string; description?: string }[] }[];
  [key: string]: unknown;
}

/**
 * functions.json in Chinese: same ids, names, options and types; descriptions and parameter names from the table.
 * Throws, naming what is missing or extra, when the table and the functions have drifted apart.
 */
export function localizeMetadata<M extends Metadata>(metadata: M, table: unknown = ZH_CN): M {
  const t = TranslationTable.parse(table);
  const ids = metadata.functions.map((f) => f.id);
  const problems: string[] = [];
  for (const id of ids) if (!t[id]) problems.push(`no translation for ${id}`);
  for (const id of Object.keys(t)) if (!ids.includes(id)) problems.push(`translation for unknown function ${id}`);
  for (const f of metadata.functions) {
    const tr = t[f.id];
    if (!tr) continue;
    const params = f.parameters.map((p) => p.name);
    for (const p of params) if (!tr.parameters[p]) problems.push(`${f.id}: no translation for parameter ${p}`);
    for (const p of Object.keys(tr.parameters)) if (!params.includes(p)) problems.push(`${f.id}: translation for unknown parameter ${p}`);
  }
  if (problems.length) throw new Error(`functions-zh-cn: ${problems.join('; ')}`);

  return {
    ...metadata,
    functions: metadata.functions.map((f) => {
      const tr = t[f.id];
      return {
        ...f,
        description: tr.description,
        parameters: f.parameters.map((p) => ({ ...p, name: tr.parameters[p.name].name, description: tr.parameters[p.name].description })),
      };
    }),
  };
}
