/**
 * Checks of 表二 that a reviewer makes beyond the arithmetic: a body that cannot make 规章
 * reporting 规章 (judged from its name, see body.ts), and 现行有效 figures that cannot be true.
 * Report rules' detectors (src/core/rules.ts), so the engine raises them wherever a report is checked; pure, host-free.
 */
import { authorityOf } from './body';
import type { Reading } from './read';
import { usableValue } from './read';
import type { Report } from './report';
import type { Raised } from './rules';
import { CellId, INPUT_CELLS, TABLES, cellId } from './tables';

const T2_DOCUMENT_ROWS = [1, 2] as const;
const T2_RULE_CELLS = [1, 2, 3].map((c) => cellId('T2', 1, c));
const rowName = (r: number): string => TABLES.T2.inputs.find((c) => c.row === r)?.rowName ?? '';
const INDEX = new Map<CellId, number>(INPUT_CELLS.map((c, i) => [c.id, i]));
/**
 * A figure someone wrote, or undefined: a blank or "/" (read as 0 by the equations, and already a
 * cell.blank or cell.placeholder warning) is not yet a 现行有效 figure to doubt; absent tables are skipped.
 */
const valueAt = (readings: readonly Reading[], id: CellId): number | undefined => {
  const reading = readings[INDEX.get(id)!];
  return reading.state === 'absent' || reading.state === 'blank' || reading.state === 'placeholder' ? undefined : usableValue(reading);
};

/** 规章 reported by a body whose name says it cannot make them (error) or does not tell (warning). */
export function rulesAuthorityRaised(report: Report, readings: readonly Reading[], want: 'cannot' | 'unclear'): Raised[] {
  const reported = T2_RULE_CELLS.filter((id) => (valueAt(readings, id) ?? 0) > 0);
  if (reported.length === 0 || report.org.trim() === '') return [];
  const authority = authorityOf(report.org);
  if (authority.kind !== want) return [];
  const params: Record<string, string | number> = {
    org: report.org.trim(),
    figures: reported.map((id) => `${TABLES.T2.inputs.find((c) => c.id === id)!.colName}${valueAt(readings, id)}件`).join('、'),
  };
  if (authority.kind === 'cannot') Object.assign(params, { seat: authority.seat, level: authority.level });
  if (authority.kind === 'unclear') params.reason = authority.reason;
  return [{ table: 'T2', cells: reported, params }];
}

/** 现行有效 that cannot be true: fewer than 本年制发 − 本年废止 ('short'), or 0 after issuing some ('zero'). */
export function inForceRaised(readings: readonly Reading[], want: 'short' | 'zero'): Raised[] {
  const raised: Raised[] = [];
  for (const r of T2_DOCUMENT_ROWS) {
    const cells = [1, 2, 3].map((c) => cellId('T2', r, c));
    const [issued, repealed, inForce] = cells.map((id) => valueAt(readings, id));
    if (issued === undefined || repealed === undefined || inForce === undefined) continue;
    const short = inForce < issued - repealed;
    if (want === 'short' ? short : !short && issued > 0 && inForce === 0) raised.push({ table: 'T2', cells, params: { row: rowName(r), issued, repealed, inForce } });
  }
  return raised;
}
