/** The template's marks as a section of docs/rules.md: what turns red or amber, where, for which rules. */
import { MarkSeverity, MarkTest, PlannedMark } from './marks';
import { MAX_VALUE, PLACEHOLDERS } from './read';
import { areaA1, sheetPlan } from './sheet';

const COLOUR: Record<MarkSeverity, string> = { error: '红色', warning: '黄色' };

function when(test: MarkTest, severity: MarkSeverity): [string, string] {
  switch (test.type) {
    case 'input':
      if (severity === 'warning') return ['填写格', `占位符号（${[...PLACEHOLDERS].map((p) => `“${p}”`).join('')}）或文本格式的数字（如“１２”“ 12”“1,234”）`];
      return [
        test.kind === 'count' ? '填写格（件数）' : '填写格（收费金额）',
        `错误值、TRUE/FALSE、不是数字的文字、负数${test.kind === 'count' ? '、小数' : ''}、超过 ${MAX_VALUE} 的数；文本格式的数字按其数值同样判断`,
      ];
    case 'total':
      return ['总计格', '它与各项之和的勾稽关系不成立（其校验格显示差额）'];
    case 'check':
      return ['校验格', severity === 'error' ? '勾稽关系不成立（显示差额）或公式出错' : `显示“${test.text}”：有文字，未能相加`];
  }
}

export function marksMarkdown(marks: readonly PlannedMark[] = sheetPlan().marks): string[] {
  const groups = new Map<string, { severity: MarkSeverity; test: MarkTest; rules: Set<string>; areas: string[] }>();
  for (const m of marks) {
    // Warnings read the same for counts and amounts: one row.
    const key = `${m.severity}|${m.test.type}|${m.test.type === 'input' && m.severity === 'error' ? m.test.kind : ''}`;
    const g = groups.get(key) ?? { severity: m.severity, test: m.test, rules: new Set<string>(), areas: [] };
    for (const r of m.rules) g.rules.add(r);
    g.areas.push(areaA1(m.area));
    groups.set(key, g);
  }
  const lines = [
    '## 表格中的标记（条件格式）',
    '',
    '模板（加载项插入的、`nianbao template` 和 `nianbao convert` 写出的、构建时放在 dist/ 中的“年报模板.xlsx”）自带以下条件格式，',
    '随模板写入一次：在任何 Excel（2007 及以后）、WPS 和 LibreOffice 中，不需要加载项，填错的格即标出，改正后标记自动消失。',
    '校验时不写入工作表，不影响撤销。空白格不标记（窗格仍按 `cell.blank` 提示）；只有窗格知道的问题（上年报告、导入文件的正文）不在表中标记。',
    '同一格有多个标记成立时红色优先。区域为空白模板中的位置。',
    '',
    '| 标记 | 标在 | 何时标出 | 对应规则 | 区域 |',
    '|---|---|---|---|---|',
  ];
  for (const g of groups.values()) {
    const [where, condition] = when(g.test, g.severity);
    lines.push(`| ${COLOUR[g.severity]} | ${where} | ${condition.replace(/\|/g, '\\|')} | ${[...g.rules].map((r) => `\`${r}\``).join('、')} | ${g.areas.join('、')} |`);
  }
  lines.push('');
  return lines;
}
