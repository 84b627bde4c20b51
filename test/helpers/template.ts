/** Addresses in the official template, for tests that read and write a template sheet. */
import { a1, inputPosition, sheetPlan } from '../../src/core/sheet';

/** Every template puts an input cell in the same place, whatever its body and year. */
const PLAN = sheetPlan();

/** The A1 address of an input cell ("T3.R1.C1") in any template sheet. */
export function inputA1(id: string): string {
  const p = inputPosition(PLAN, id);
  return a1(p.row, p.col);
}
