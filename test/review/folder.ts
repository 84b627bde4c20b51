/** A supervising office's inbox for the review tests: clean, broken, unreadable, duplicate-body and other-year reports. */
import * as fs from 'fs';
import * as path from 'path';
import { Report } from '../../src/core/report';
import { readZipTexts } from '../../src/io/zip';
import { inflateNode } from '../../src/io/inflate-node';
import { templateBuffer } from '../../src/xlsx/write';
import { consistentReport, withCells } from '../helpers/reports';

export const TEXT_CELL = '22（其中修订16件）';

const broken = consistentReport(3, '丙局', 2024);

/** The readable reports by file name, as written. */
export const READABLE: Record<string, Report> = {
  'a-clean.xlsx': consistentReport(1, '甲局', 2024),
  'b-clean.json': consistentReport(2, '乙局', 2024),
  'c-broken.xlsx': withCells(broken, { 'T3.R24.C7': (broken.cells['T3.R24.C7'] as number) + 1 }),
  'd-text.json': withCells(consistentReport(4, '丁局', 2024), { 'T3.R1.C2': TEXT_CELL }),
  'e-duplicate.json': consistentReport(5, ' 甲局', 2024),
  'f-2023.json': consistentReport(6, '戊局', 2023),
};

export const UNREADABLE = ['g-garbage.docx', 'h-empty.json'];

export async function writeFolder(dir: string): Promise<void> {
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, report] of Object.entries(READABLE)) {
    fs.writeFileSync(path.join(dir, name), name.endsWith('.xlsx') ? await templateBuffer({ report }) : JSON.stringify(report));
  }
  fs.writeFileSync(path.join(dir, 'g-garbage.docx'), 'not a word file at all');
  fs.writeFileSync(path.join(dir, 'h-empty.json'), '');
}

/** The internal links of a sheet, as written in its XML: cell → location. */
export async function internalLinks(file: string, sheetIndex: number): Promise<Map<string, string>> {
  const part = `xl/worksheets/sheet${sheetIndex}.xml`;
  const texts = await readZipTexts(new Uint8Array(fs.readFileSync(file)), (n) => n === part, inflateNode);
  const xml = texts.get(part) ?? '';
  const links = new Map<string, string>();
  for (const m of xml.matchAll(/<hyperlink\b([^>]*)\/>/g)) {
    const ref = /\bref="([^"]+)"/.exec(m[1])?.[1];
    const location = /\blocation="([^"]+)"/.exec(m[1])?.[1];
    if (ref && location) links.set(ref, location.replace(/&apos;/g, "'"));
  }
  return links;
}
