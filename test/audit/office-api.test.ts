/**
 * The API audit: every Office.js member the add-in calls (src/excel, src/taskpane,
 * src/functions, src/commands) is within the requirement sets manifest.xml declares, or is
 * called only behind Office.context.requirements.isSetSupported for its set. A failure names the
 * member, its set and the file.
 */
import path from 'path';
import { declaredSets, officeUses, sourcesUnder, violations } from './office-api';

const FOLDERS = ['src/excel', 'src/taskpane', 'src/functions', 'src/commands'];
const uses = officeUses(sourcesUnder(FOLDERS));
const declared = declaredSets();

test('the manifest declares what the add-in is built on', () => {
  expect(declared).toEqual({ SharedRuntime: '1.1', ExcelApi: '1.9', CustomFunctionsRuntime: '1.1' });
});

test('it really finds the add-in’s Office.js members, with their sets and files', () => {
  const members = new Set(uses.map((u) => u.member));
  expect(members.size).toBeGreaterThan(60);
  const find = (member: string, file: string) => uses.find((u) => u.member === member && u.file === file);
  expect(find('Excel.Worksheet.names', 'src/excel/read.ts')).toMatchObject({ set: 'ExcelApi', version: '1.4' });
  expect(find('Excel.NamedItem.getRangeOrNullObject', 'src/excel/read.ts')).toMatchObject({ set: 'ExcelApi', version: '1.4' });
  expect(find('Excel.ConditionalFormatCollection.add', 'src/excel/template.ts')).toMatchObject({ set: 'ExcelApi', version: '1.6' });
  expect(find('Excel.WorksheetProtection.unprotect', 'src/excel/upgrade.ts')).toMatchObject({ set: 'ExcelApi' });
  expect(find('Excel.CustomXmlPartScopedCollection.getByNamespace', 'src/excel/host.ts') ?? find('Excel.CustomXmlPartCollection.getByNamespace', 'src/excel/host.ts')).toMatchObject({ set: 'ExcelApi', version: '1.5' });
  expect(find('Office.Addin.showAsTaskpane', 'src/commands/commands.ts')).toMatchObject({ set: 'SharedRuntime', version: '1.1' });
  // Above the manifest, and guarded: several areas selected at once.
  expect(find('Excel.RangeAreas.select', 'src/excel/host.ts')).toMatchObject({ set: 'ExcelApi', version: '1.18', guardedBy: 'ExcelApi 1.18' });
  expect(find('Excel.WorksheetChangedEventArgs.triggerSource', 'src/excel/host.ts')).toMatchObject({ set: 'ExcelApi', version: '1.14', guardedBy: 'ExcelApi 1.14' });
  // Every folder is covered.
  for (const folder of ['src/excel', 'src/taskpane', 'src/commands']) expect(uses.some((u) => u.file.startsWith(folder))).toBe(true);
});

test('every member is within the manifest’s sets, or behind isSetSupported for its set', () => {
  expect(violations(uses, declared)).toEqual([]);
});

test('the audit names an unguarded member above the manifest, its set and its file; a guard of the right version clears it', () => {
  const file = path.join(__dirname, '../../src/excel/__audit_probe__.ts');
  const source = `/// <reference types="office-js" />
export async function probe(context: Excel.RequestContext, supports: (v: string) => boolean) {
  const ws = context.workbook.worksheets.getActiveWorksheet();
  ws.getRanges('A1,B2').select();
  if (supports('1.18')) ws.getRanges('A1,B2').select();
  if (Office.context.requirements.isSetSupported('ExcelApi', '1.14')) ws.getRanges('A1,B2').select();
  const cf = ws.getRange().conditionalFormats;
  if (!supports('1.14')) return;
  cf.getItemOrNullObject('0');
}
`;
  const found = violations(officeUses([], { [file]: source }), declared);
  expect(found).toEqual([
    'Excel.RangeAreas.select needs ExcelApi 1.18 (manifest: ExcelApi 1.9) in src/excel/__audit_probe__.ts:4, with no isSetSupported check',
    'Excel.RangeAreas.select needs ExcelApi 1.18 (manifest: ExcelApi 1.9) in src/excel/__audit_probe__.ts:6, with no isSetSupported check',
  ]);
  // A manifest without ExcelApi at all: every Excel member must be guarded.
  expect(violations(officeUses([], { [file]: source }), { SharedRuntime: '1.1' }).length).toBeGreaterThan(3);
});
