/**
 * The real reports give exactly the findings their numbers call for.
 *
 * shuyang-county-2025: 沭阳县人民政府, every figure filled and every equation holding.
 * shuyang-fgj-2023: 沭阳县发展和改革局, the 法人或其他组织 columns of T3 left blank; its 总计 equals
 * 自然人 throughout, so the blanks read as 0 break nothing.
 */
import { check, checkGridReport } from '../../src/core/engine';
import { reportFromGrids } from '../../src/core/grid';
import { renderFinding } from '../../src/core/render';
import { loadFixture, tableGrids } from './helpers';

const county = loadFixture('shuyang-county-2025.json');
const fgj = loadFixture('shuyang-fgj-2023.json');

describe('shuyang-county-2025', () => {
  test('has all 200 cells filled with numbers', () => {
    const values = Object.values(county.cells);
    expect(values).toHaveLength(200);
    expect(values.every((v) => typeof v === 'number')).toBe(true);
  });

  test('gives no findings', () => {
    expect(check(county)).toEqual([]);
  });

  test('its 收费 of 4068.208 万元 is an amount, not a fraction of a count', () => {
    expect(county.cells['T2.R6.C1']).toBe(4068.208);
  });

  test('read back from the template sheet’s grids, still gives no findings', () => {
    const read = reportFromGrids(tableGrids(county), county.org, county.year);
    expect(read.report).toEqual(county);
    expect(checkGridReport(read)).toEqual([]);
  });
});

describe('shuyang-fgj-2023', () => {
  const blanks = Object.entries(fgj.cells)
    .filter(([, v]) => v === null)
    .map(([id]) => id);

  test('leaves exactly the five 法人或其他组织 columns of T3 blank', () => {
    expect(blanks).toHaveLength(125);
    expect(blanks.every((id) => /^T3\.R\d+\.C[2-6]$/.test(id))).toBe(true);
  });

  test('gives exactly one cell.blank warning per blank cell, and nothing else', () => {
    const findings = check(fgj);
    expect(findings).toEqual(blanks.map((id) => ({ rule: 'cell.blank', severity: 'warning', table: 'T3', cells: [id], value: 0 })));
  });

  test('the warnings read as Chinese sentences naming each cell', () => {
    const first = check(fgj)[0];
    expect(renderFinding(first)).toBe('表三 商业企业/一、本年新收政府信息公开申请数量：未填写，按0计算；无数据的格应填写0');
  });
});

describe('the two reports are not one body’s consecutive years', () => {
  test('checking county-2025 against fgj-2023 as “last year” warns that the years are not adjacent', () => {
    const findings = check(county, { prior: fgj });
    expect(findings[0]).toEqual({ rule: 'prior.year', severity: 'warning', table: null, cells: [], params: { year: 2025, priorYear: 2023 } });
  });
});
