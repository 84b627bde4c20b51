/// <reference types="et-jsapi-declare" />
/**
 * Acknowledgements (说明) kept inside the workbook in WPS, so they travel with the file.
 *
 * Where: a very hidden worksheet (Visible = xlSheetVeryHidden) whose A1 holds our marker, one
 * acknowledgement per row below a header row. Why there: a worksheet is what every build of ET
 * saves, in .xlsx and in .et alike, and what Excel and LibreOffice keep when they open the file;
 * "very hidden" keeps it out of the sheet tabs and the 取消隐藏 list, so no one deletes it by
 * accident. The alternatives fall short: Application.PluginStorage stays on the machine and does
 * not travel with the file; a custom document property holds 255 characters; and whether ET
 * saves custom XML parts is not documented.
 *
 * The custom XML part the Excel add-in uses (src/excel/acknowledgements.ts) is also written,
 * where this ET has CustomXMLParts, so a file moving on to Excel keeps its acknowledgements; and
 * a file coming from Excel (no hidden sheet yet) is read from that part. The sheet wins when both
 * are there.
 *
 * The sheet travels with the file, so anyone may have edited it: reading is bounded, and a row
 * that does not look like ours is dropped rather than trusted. Every cell is written as text.
 */
import type { Acknowledgement } from '../host/contract';
import { ACK_NAMESPACE, MAX_ACKS, MAX_REASON, acknowledgementsXml, parseAcknowledgementsXml } from '../excel/acknowledgements';
import { EtApplication, activeSheet, activeWorkbook, countOf, member, nameOf, quietly, worksheets } from './book';
import { xlSheetVeryHidden } from './xl';

/** A1 of our sheet: how it is told from a user's sheet that happens to have the same name. */
export const ACK_MARKER = ACK_NAMESPACE;
export const ACK_SHEET = 'nianbao_说明';
const HEADER = ['工作表', '问题指纹', '时间', '说明'] as const;
const MAX_FIELD = 2000;

/** Text stays text: an apostrophe in front keeps ET from reading "=…", "2024" or "1/2" as something else. */
const text = (s: string): string => `'${s}`;

export function findAckSheet(book: Et.Workbook): Et.Worksheet | null {
  for (const ws of worksheets(book)) {
    if (ws.Range('A1').Value2 === ACK_MARKER) return ws;
  }
  return null;
}

export function loadAcknowledgements(book: Et.Workbook): Acknowledgement[] {
  const ws = findAckSheet(book);
  if (!ws) return fromXmlPart(book);
  const used = member<Et.Range>(ws, 'UsedRange');
  const grid = used.Value2;
  if (!Array.isArray(grid)) return [];
  // UsedRange starts where the first used cell is: A1, holding the marker.
  const out: Acknowledgement[] = [];
  for (const row of grid.slice(2)) {
    if (out.length >= MAX_ACKS) break;
    if (!Array.isArray(row)) continue;
    const [sheet, fingerprint, at, reason] = row.slice(0, 4).map((v) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : ''));
    if (!sheet || !fingerprint || !reason?.trim() || sheet.length > MAX_FIELD || fingerprint.length > MAX_FIELD) continue;
    out.push({ sheet, fingerprint, at: (at ?? '').slice(0, 64), reason: reason.trim().slice(0, MAX_REASON) });
  }
  return out;
}

export function saveAcknowledgements(app: EtApplication, acks: readonly Acknowledgement[]): void {
  const book = activeWorkbook(app);
  if (!book) throw new Error('没有打开的工作簿');
  const kept = acks.slice(0, MAX_ACKS);
  quietly(app, () => {
    let ws = findAckSheet(book);
    if (!ws && kept.length === 0) return;
    ws ??= addAckSheet(app, book);
    member<Et.Range>(ws, 'UsedRange').ClearContents();
    const grid: string[][] = [
      [ACK_MARKER, '', '', ''],
      HEADER.map(text),
      ...kept.map((a) => [text(a.sheet), text(a.fingerprint), text(a.at), text(a.reason.slice(0, MAX_REASON))]),
    ];
    ws.Range(`A1:D${grid.length}`).Value2 = grid;
  });
  mirrorToXmlPart(book, kept);
}

/** A new very hidden sheet at the end, without taking the user's view from the sheet they are on. */
function addAckSheet(app: EtApplication, book: Et.Workbook): Et.Worksheet {
  if (book.ProtectStructure) throw new Error('工作簿结构受保护，无法保存说明；请先在“审阅”中撤销工作簿保护');
  const active = activeSheet(app);
  const all = book.Worksheets;
  const ws = all.Add(undefined, all.Item(countOf(all))) as Et.Worksheet;
  const taken = new Set(worksheets(book).map((s) => nameOf(s).toLowerCase()));
  let name = ACK_SHEET;
  for (let i = 2; taken.has(name.toLowerCase()) && name.toLowerCase() !== nameOf(ws).toLowerCase(); i++) name = `${ACK_SHEET}(${i})`;
  ws.Name = name;
  ws.Visible = xlSheetVeryHidden;
  active?.Activate();
  return ws;
}

/** The Excel add-in's part, where this ET has custom XML parts: best effort, the sheet is what counts. */
function customXmlParts(book: Et.Workbook): Kso.CustomXMLParts | null {
  try {
    const parts = book.CustomXMLParts;
    return parts && typeof parts.SelectByNamespace === 'function' ? parts : null;
  } catch {
    return null;
  }
}

function fromXmlPart(book: Et.Workbook): Acknowledgement[] {
  const parts = customXmlParts(book);
  if (!parts) return [];
  try {
    const ours = parts.SelectByNamespace(ACK_NAMESPACE);
    const out: Acknowledgement[] = [];
    for (let i = 1, n = countOf(ours); i <= n; i++) out.push(...parseAcknowledgementsXml(String(ours.Item(i).XML)));
    return out.slice(0, MAX_ACKS);
  } catch {
    return [];
  }
}

function mirrorToXmlPart(book: Et.Workbook, acks: readonly Acknowledgement[]): void {
  const parts = customXmlParts(book);
  if (!parts) return;
  try {
    const ours = parts.SelectByNamespace(ACK_NAMESPACE);
    for (let i = countOf(ours); i >= 1; i--) ours.Item(i).Delete();
    parts.Add(acknowledgementsXml(acks));
  } catch {
    /* the hidden sheet holds them; only the copy for Excel is missing */
  }
}
