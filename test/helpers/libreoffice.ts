/** Runs LibreOffice headless to open and recalculate workbooks we wrote: a spreadsheet program nobody here wrote. */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { JSDOM } from 'jsdom';

export function sofficePath(): string | null {
  for (const p of ['/usr/bin/soffice', '/usr/bin/libreoffice', '/usr/local/bin/soffice']) if (fs.existsSync(p)) return p;
  return null;
}

/**
 * Opens each file in LibreOffice, recalculates every formula and saves it again as .xlsx into
 * outDir. A private profile forces "recalculate on load" and keeps runs from locking each other.
 */
export function recalculateWithLibreOffice(files: string[], outDir: string): string[] {
  return recalculateAs(files, outDir, 'xlsx');
}

/**
 * Opens and recalculates each file as above and saves it as HTML, in which LibreOffice paints
 * every cell as it shows it: conditional formats applied, so a mark can be seen.
 */
export function renderWithLibreOffice(files: string[], outDir: string): string[] {
  return recalculateAs(files, outDir, 'html');
}

const FILTERS = { xlsx: 'xlsx:Calc Office Open XML', html: 'html:HTML (StarCalc)' } as const;

function recalculateAs(files: string[], outDir: string, to: keyof typeof FILTERS): string[] {
  const soffice = sofficePath();
  if (!soffice) throw new Error('LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-lo-profile-'));
  const user = path.join(profile, 'user');
  fs.mkdirSync(user, { recursive: true });
  fs.writeFileSync(
    path.join(user, 'registrymodifications.xcu'),
    `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`,
  );
  fs.mkdirSync(outDir, { recursive: true });
  try {
    execFileSync(
      soffice,
      [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--calc', '--convert-to', FILTERS[to], '--outdir', outDir, ...files],
      { stdio: 'pipe', timeout: 180_000 },
    );
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
  return files.map((f) => {
    const out = path.join(outDir, `${path.basename(f, path.extname(f))}.${to}`);
    if (!fs.existsSync(out)) throw new Error(`LibreOffice did not convert ${f}`);
    return out;
  });
}

/**
 * Converts documents with LibreOffice (e.g. .docx to PDF with Writer) into outDir, with a private
 * profile so parallel runs do not lock each other. Returns the converted files; throws if one is missing.
 */
export function convertWithLibreOffice(files: string[], outDir: string, format: string, app: 'writer' | 'calc'): string[] {
  const soffice = sofficePath();
  if (!soffice) throw new Error('LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-lo-profile-'));
  fs.mkdirSync(outDir, { recursive: true });
  try {
    execFileSync(soffice, [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', `--${app}`, '--convert-to', format, '--outdir', outDir, ...files], { stdio: 'pipe', timeout: 180_000 });
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
  return files.map((f) => {
    const out = path.join(outDir, `${path.basename(f, path.extname(f))}.${format.split(':')[0]}`);
    if (!fs.existsSync(out)) throw new Error(`LibreOffice did not convert ${f}`);
    return out;
  });
}

/** A cell of a page LibreOffice rendered: its text and its background colour (upper case, "" when none). */
export interface RenderedCell {
  text: string;
  fill: string;
}

/**
 * The first table of a page LibreOffice rendered, by cell address ("D24"), merged cells under
 * their top-left address.
 */
export function renderedCells(html: string): Map<string, RenderedCell> {
  const doc = new JSDOM(html).window.document;
  const table = doc.querySelector('table');
  if (!table) throw new Error('no table in the rendered page');
  const out = new Map<string, RenderedCell>();
  const taken = new Set<string>();
  Array.from(table.querySelectorAll('tr')).forEach((tr, row) => {
    let col = 0;
    for (const td of Array.from(tr.querySelectorAll('td'))) {
      while (taken.has(`${row},${col}`)) col++;
      const rows = Number(td.getAttribute('rowspan') ?? 1);
      const cols = Number(td.getAttribute('colspan') ?? 1);
      for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) taken.add(`${row + r},${col + c}`);
      out.set(address(row, col), { text: (td.textContent ?? '').trim(), fill: (td.getAttribute('bgcolor') ?? '').toUpperCase() });
      col += cols;
    }
  });
  return out;
}

function address(row: number, col: number): string {
  let s = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return `${s}${row + 1}`;
}
