/** The rule table as a Markdown page (docs/rules.md), so reviewers read exactly what the engine runs. */
import { marksMarkdown } from './marks-doc';
import { OMITTED_CHECKS } from './omitted';
import { RULES } from './rules';
import { scopeName } from './render';

const KIND = { equation: '勾稽关系', cell: '单元格', report: '报告与格式' } as const;
const SEVERITY = { error: '错误', warning: '提示' } as const;

export function rulesMarkdown(): string {
  const lines = [
    '# 校验规则',
    '',
    '本页由 `src/core/rules.ts` 生成（`npm run docs`），与校验引擎实际执行的规则一致。',
    '说明中的 `{…}` 在生成问题时填入具体的值。',
    '',
  ];
  for (const kind of ['equation', 'cell', 'report'] as const) {
    lines.push(`## ${KIND[kind]}`, '', '| 编号 | 级别 | 内容（说明模板） | 依据 | 适用范围 | 适用年度 |', '|---|---|---|---|---|---|');
    for (const r of RULES.filter((x) => x.kind === kind)) {
      const scope = r.kind === 'equation' ? `${r.equations.length} 处：${[...new Set(r.equations.map((e) => scopeName(e.anchor).replace(/“.*”/, '')))].join('、')}` : r.kind === 'cell' ? '每个输入格' : '整份报告';
      const cell = (s: string) => s.replace(/\|/g, '\\|');
      const text = r.kind === 'equation' ? `${r.sides[0]} = ${r.sides[1]}` : r.message;
      const years = r.since ? `${r.since.year}年度报告起（${cell(r.since.by)}）` : '各年度';
      lines.push(`| \`${r.id}\` | ${SEVERITY[r.severity]} | ${cell(text)} | ${cell(r.source)} | ${scope} | ${years} |`);
    }
    lines.push('');
  }
  lines.push(
    '“适用年度”：规则所依据的文件晚于某些年度的报告时，只校验此后年度的报告（如信息处理费的说明依据国办函〔2020〕109号，自2020年度报告起；只有现行格式才有的栏目，自2021年度报告起）；未填年度的报告全部校验。',
    '',
    '“正文：”开头的规则（`text.*`）比对正文与表格，在导入 Word、网页、文本格式的报告时提出（加载项的导入、命令行 `check`、`convert`），提示中引用原句。表二的 `T2.rules*`、`T2.inForce*` 根据机关名称和表二判断，与勾稽关系一样在每次校验时运行（工作表、任务窗格、命令行；自定义函数不知道机关名称，不运行 `T2.rules*`）。',
    '',
    '## 有意不做的检查',
    '',
    '| 检查 | 原因 |',
    '|---|---|',
    ...OMITTED_CHECKS.map((o) => `| ${o.check.replace(/\|/g, '\\|')} | ${o.reason.replace(/\|/g, '\\|')} |`),
    '',
  );
  lines.push(...marksMarkdown());
  return lines.join('\n');
}
