import { APPLICANT_TYPES, LEDGER_COLUMNS, RESULT_CATEGORIES } from '../../src/ledger/columns';
import { T3_COLUMNS, T3_ROW, T3_ROW_NAMES } from '../../src/core/tables';

describe('ledger columns', () => {
  it('are the 17 columns of the standard register, in order', () => {
    expect(LEDGER_COLUMNS.map((c) => c.label)).toEqual(['序号', '申请编号', '收到日期', '申请人类型', '申请人', '申请方式', '申请内容', '是否补正', '收到补正日期', '是否征求意见', '征求意见开始日期', '征求意见结束日期', '是否延期', '答复日期', '办理结果', '收费金额', '备注']);
    expect(LEDGER_COLUMNS.filter((c) => c.personal).map((c) => c.label)).toEqual(['申请人', '申请内容']);
  });

  it('recognise no header name as two different columns', () => {
    const seen = new Map<string, string>();
    for (const c of LEDGER_COLUMNS) {
      for (const name of [c.label, ...c.synonyms]) {
        expect(seen.get(name) ?? c.key).toBe(c.key);
        seen.set(name, c.key);
      }
    }
  });

  it('give the six applicant types of 表三 with their column numbers', () => {
    expect(APPLICANT_TYPES.map((t) => [t.name, t.col])).toEqual(T3_COLUMNS.slice(0, 6).map((n, i) => [n, i + 1]));
  });

  it('give the 21 result categories of rows （一）–（六） in official wording', () => {
    expect(RESULT_CATEGORIES).toHaveLength(21);
    expect(RESULT_CATEGORIES.map((c) => c.row)).toEqual(Array.from({ length: 21 }, (_, i) => T3_ROW.firstResult + i));
    for (const c of RESULT_CATEGORIES) expect(T3_ROW_NAMES[c.row - 1]).toBe(c.parent ? `${c.parent}${c.label}` : c.label);
    expect(RESULT_CATEGORIES[2]).toMatchObject({ label: '1.属于国家秘密', parent: '（三）不予公开', name: '属于国家秘密', choice: '不予公开-属于国家秘密' });
    expect(RESULT_CATEGORIES[1]).toMatchObject({ name: '部分公开', choice: '部分公开', parent: null });
    expect(new Set(RESULT_CATEGORIES.map((c) => c.choice)).size).toBe(21);
  });
});
