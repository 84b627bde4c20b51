/**
 * Checks of 表二 that a reviewer makes beyond the arithmetic: a body that cannot make 规章
 * reporting 规章 (judged from its name, see body.ts), and 现行有效 figures that cannot be true.
 * Raised where a whole report with its body is read (the importers); pure, host-free.
 */
import { authorityOf } from './body';
import { Finding } from './findings';
import { readCell, usableValue } from './read';
import { Report } from './report';
import { TABLES, TableId, cellId } from './tables';

const T2_DOCUMENT_ROWS = [1, 2] as const;
const rowName = (r: number): string => TABLES.T2.inputs.find((c) => c.row === r)?.rowName ?? '';

export function tableFindings(report: Report, unreadable: readonly TableId[] = []): Finding[] {
  if (unreadable.includes('T2')) return [];
  const value = (id: string): number | undefined => usableValue(readCell(report.cells[id] ?? null));
  const findings: Finding[] = [];

  const ruleCells = [1, 2, 3].map((c) => cellId('T2', 1, c));
  const reported = ruleCells.filter((id) => (value(id) ?? 0) > 0);
  if (reported.length > 0 && report.org.trim() !== '') {
    const authority = authorityOf(report.org);
    const params = { org: report.org.trim(), figures: reported.map((id) => `${TABLES.T2.inputs.find((c) => c.id === id)!.colName}${value(id)}件`).join('、') };
    if (authority.kind === 'cannot') findings.push({ rule: 'T2.rulesAuthority', severity: 'error', table: 'T2', cells: reported, params: { ...params, seat: authority.seat, level: authority.level } });
    if (authority.kind === 'unclear') findings.push({ rule: 'T2.rulesAuthorityUnclear', severity: 'warning', table: 'T2', cells: reported, params: { ...params, reason: authority.reason } });
  }

  for (const r of T2_DOCUMENT_ROWS) {
    const [issued, repealed, inForce] = [1, 2, 3].map((c) => value(cellId('T2', r, c)));
    if (issued === undefined || repealed === undefined || inForce === undefined) continue;
    const cells = [1, 2, 3].map((c) => cellId('T2', r, c));
    const params = { row: rowName(r), issued, repealed, inForce };
    if (inForce < issued - repealed) findings.push({ rule: 'T2.inForceShort', severity: 'warning', table: 'T2', cells, params });
    else if (issued > 0 && inForce === 0) findings.push({ rule: 'T2.inForceZero', severity: 'warning', table: 'T2', cells, params });
  }
  return findings;
}
