/**
 * Plain text reports, as text extracted from a Word file gives them (see the fixture
 * muchang-town-2024.txt):
 *
 * - a table cell is a line starting with a tab; a line without a tab right after it continues the
 *   cell (a line break inside the cell: "商业" / "企业");
 * - a blank line ends a table row; a line without a tab after a blank line is a paragraph again;
 * - a line with tabs inside ("规章\t0\t0\t0", as pasting a Word table gives) is one row by itself.
 *
 * Spans are unknown in this form: a merged cell shows as empty cells, which the locator reads as such.
 */
import { Block, SourceCell, SourceDoc, SourceTable, cellText } from './model';
import { DEBRIS, HEADING_MARK, parseSpacedText } from './spaced';

/**
 * Plain text of a report. Text whose table cells are set apart by tabs (extracted from Word) is
 * read as below; text without tabs — copied out of a PDF, `pdftotext`, Markdown — by spaced.ts.
 */
export function parseFlatText(text: string): SourceDoc {
  return /\t/.test(text) ? parseTabbedText(text) : parseSpacedText(text);
}

function parseTabbedText(text: string): SourceDoc {
  const lines = text.replace(/^\ufeff/, '').replace(DEBRIS, '').split(/\r\n|\r|\n/);
  const blocks: Block[] = [];
  let table: SourceTable | null = null;
  let row: string[][] | null = null; // cells, each as its lines
  /** The previous line was a cell line, so a tab-less line continues that cell. */
  let inCell = false;

  const endRow = () => {
    if (row && row.length > 0) {
      if (!table) table = { rows: [] };
      table.rows.push(row.map((lines): SourceCell => ({ text: cellText(lines) })));
    }
    row = null;
  };
  const endTable = () => {
    endRow();
    if (table && table.rows.length > 0) blocks.push({ kind: 'table', table });
    table = null;
  };

  for (const line of lines) {
    if (line.startsWith('\t')) {
      if (!row) row = [];
      for (const part of line.split('\t').slice(1)) row.push([part]);
      inCell = true;
      continue;
    }
    if (line.trim() === '') {
      if (row) endRow();
      inCell = false;
      continue;
    }
    if (inCell && row && !line.includes('\t')) {
      row[row.length - 1].push(line);
      continue;
    }
    if (line.includes('\t')) {
      // A whole row on one line.
      endRow();
      if (!table) table = { rows: [] };
      table.rows.push(line.split('\t').map((part) => ({ text: cellText([part]) })));
      inCell = false;
      continue;
    }
    endTable();
    inCell = false;
    blocks.push({ kind: 'para', text: line.replace(HEADING_MARK, '').trim() });
  }
  endTable();
  return { blocks };
}
