/**
 * Sheet names and defined names as our workbooks write them: names scoped to a sheet, sheet names
 * never clashing with one already there.
 */
import ExcelJS from 'exceljs';
import { parseRefs } from '../core/refs';
import { NAME_PREFIX } from '../core/sheet';

interface DefinedNameModel {
  name: string;
  ranges: string[];
  localSheetId?: number;
}

/**
 * Our names are written scoped to their sheet, as the add-in defines them: two years' templates
 * can then share a workbook, and a sheet moved or copied into another workbook brings its names
 * without clashing. exceljs keeps names workbook-wide and merges same-named ranges across
 * sheets, so its model is split per sheet at write time.
 */
const explicitScopes = new WeakMap<ExcelJS.Workbook, Map<string, string>>();

/**
 * Scopes one of our names to a sheet other than the one its range lies on: the register's list
 * of results lives on the summary sheet, but the register's validation must see it (an Excel
 * 2007 list cannot point at another sheet except through a name).
 */
export function scopeName(wb: ExcelJS.Workbook, name: string, sheet: string): void {
  scopeNamesToSheets(wb);
  const scopes = explicitScopes.get(wb) ?? new Map<string, string>();
  scopes.set(name, sheet);
  explicitScopes.set(wb, scopes);
}

export function scopeNamesToSheets(wb: ExcelJS.Workbook): void {
  const names = wb.definedNames as unknown as { model: DefinedNameModel[] };
  if (Object.prototype.hasOwnProperty.call(names, 'model')) return;
  const inherited = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(names), 'model')!;
  Object.defineProperty(names, 'model', {
    configurable: true,
    get(): DefinedNameModel[] {
      const plain = inherited.get!.call(this) as DefinedNameModel[];
      return plain.flatMap((n) => {
        if (!n.name.startsWith(NAME_PREFIX)) return [n];
        const bySheet = new Map<string, string[]>();
        for (const r of n.ranges) {
          const sheet = parseRefs(r)[0]?.sheet ?? '';
          bySheet.set(sheet, [...(bySheet.get(sheet) ?? []), r]);
        }
        const scope = explicitScopes.get(wb)?.get(n.name);
        return [...bySheet].map(([sheet, ranges]) => {
          const index = wb.worksheets.findIndex((ws) => ws.name === (scope ?? sheet));
          return index < 0 ? { name: n.name, ranges } : { name: n.name, ranges, localSheetId: index };
        });
      });
    },
    set(value: DefinedNameModel[]) {
      inherited.set!.call(this, value);
    },
  });
}

export function uniqueSheetName(wb: ExcelJS.Workbook, base: string): string {
  if (!wb.getWorksheet(base)) return base;
  for (let i = 2; ; i++) if (!wb.getWorksheet(`${base}(${i})`)) return `${base}(${i})`;
}
