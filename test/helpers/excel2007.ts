/** What Excel 2007 can calculate: the guard of every workbook we write for users without the add-in. */

/** Worksheet functions Excel 2007 has (Excel 2003's, plus IFERROR, AVERAGEIF(S), SUMIFS, COUNTIFS). */
export const EXCEL_2007 = new Set(
  `ABS AND ASC AVERAGE AVERAGEIF AVERAGEIFS CEILING CHAR CHOOSE CLEAN CODE COLUMN COLUMNS CONCATENATE COUNT COUNTA COUNTBLANK COUNTIF COUNTIFS
  DATE DAY EXACT FALSE FIND FLOOR HLOOKUP IF IFERROR INDEX INDIRECT INT ISBLANK ISERR ISERROR ISEVEN ISLOGICAL ISNA ISNONTEXT ISNUMBER ISODD ISREF ISTEXT
  LEFT LEN LOOKUP LOWER MATCH MAX MID MIN MOD MONTH N NA NOT NOW OFFSET OR PRODUCT PROPER REPLACE REPT RIGHT ROUND ROUNDDOWN ROUNDUP ROW ROWS
  SEARCH SIGN SUBSTITUTE SUBTOTAL SUM SUMIF SUMIFS SUMPRODUCT T TEXT TODAY TRIM TRUE TRUNC TYPE UPPER VALUE VLOOKUP YEAR`.split(/\s+/),
);

/** The custom function the add-in's findings block calls, always inside IFERROR. */
export const ADDIN_FUNCTIONS = new Set(['NIANBAO.CHECK']);

/** The functions a formula calls, string literals left out ("…(…)" inside a sentence is no call). */
export function functionsIn(formula: string): string[] {
  const code = formula.replace(/"(?:[^"]|"")*"/g, '""');
  return [...code.matchAll(/([A-Za-z_][A-Za-z0-9_.]*)\s*\(/g)].map((m) => m[1].toUpperCase());
}
