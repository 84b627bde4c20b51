/** The rule table as a Markdown page (docs/rules.md), so reviewers read exactly what the engine runs. */
import { marksMarkdown } from './marks-doc';
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
    lines.push(`## ${KIND[kind]}`, '', '| 编号 | 级别 | 内容（说明模板） | 依据 | 适用范围 |', '|---|---|---|---|---|');
    for (const r of RULES.filter((x) => x.kind === kind)) {
      const scope = r.kind === 'equation' ? `${r.equations.length} 处：${[...new Set(r.equations.map((e) => scopeName(e.anchor).replace(/“.*”/, '')))].join('、')}` : r.kind === 'cell' ? '每个输入格' : '整份报告';
      const cell = (s: string) => s.replace(/\|/g, '\\|');
      const text = r.kind === 'equation' ? `${r.sides[0]} = ${r.sides[1]}` : r.message;
      lines.push(`| \`${r.id}\` | ${SEVERITY[r.severity]} | ${cell(text)} | ${cell(r.source)} | ${scope} |`);
    }
    lines.push('');
  }
  lines.push(...marksMarkdown());
  return lines.join('\n');
}
