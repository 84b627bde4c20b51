/**
 * The prose of a report against its tables and the format: every finding quotes the sentence it
 * is about. Deterministic pattern reading, no language model: a sentence the patterns do not
 * recognise says nothing, so the checks only ever speak about sentences they understood.
 */
import { Finding } from '../../core/findings';
import { readCell, usableValue } from '../../core/read';
import { Report, unknownCells } from '../../core/report';
import { appliesIn, rule } from '../../core/rules';
import { TableId } from '../../core/tables';
import { countFindings } from './claims';
import { allDoneFindings, citationFindings, feeFindings, outlineFindings, partFindings, yearFindings } from './checks';
import { Prose } from './read';
import { sentencesOf } from './text';

export { readProse, PART_TITLES } from './read';
export type { Prose, PartNumber } from './read';
export { parseCount } from './text';

/** The text.* findings, of the rules that apply in the report's year. Tables the import could not read are not compared. */
export function proseFindings(prose: Prose, report: Report, unreadable: readonly TableId[]): Finding[] {
  if (prose.paragraphs.length === 0) return [];
  const unknown = unknownCells(report);
  const value = (id: string): number | undefined => (unknown.has(id) ? undefined : usableValue(readCell(report.cells[id] ?? null)));
  const partOne = prose.parts['一'] ?? (Object.keys(prose.parts).length === 0 ? prose.paragraphs : []);
  const ctx = { value, year: report.year };
  return [
    ...countFindings(sentencesOf(partOne), ctx, unreadable),
    ...allDoneFindings(prose, value, unreadable),
    ...citationFindings(prose, report.year),
    ...yearFindings(prose, report.year),
    ...outlineFindings(prose, report.year),
    ...partFindings(prose),
    ...feeFindings(prose, value, unreadable),
  ].filter((f) => appliesIn(rule(f.rule), report.year));
}
