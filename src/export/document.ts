/**
 * The report as a Word document (.docx), built with the `docx` package from the outline
 * (draft.ts) and the table declarations (tables.ts). Runs in Node and in the browser: no Node
 * imports here, the result is bytes.
 *
 *   const bytes = await exportDocx(report);
 */
import {
  AlignmentType,
  Document,
  Footer,
  IParagraphStyleOptions,
  PageNumber,
  PageOrientation,
  Packer,
  Paragraph,
  Table,
  TextRun,
  LineRuleType,
} from 'docx';
import { Report } from '../core/report';
import { OutlineBlock, OutlineOptions, Piece, TITLE_TAIL, blockText, outline, pieceText } from './draft';
import { BODY_LINE, FONT, INDENT_2_CHARS, PAGE, SIZE, TODO_HIGHLIGHT } from './style';
import { buildTable } from './tables';

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const exact = { line: BODY_LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 };

const STYLES: IParagraphStyleOptions[] = [
  {
    id: 'NbTitle',
    name: '年报标题',
    run: { font: FONT.title, size: SIZE['2号'] },
    paragraph: { alignment: AlignmentType.CENTER, spacing: { ...exact, line: 700, after: BODY_LINE } },
  },
  {
    id: 'NbHeading1',
    name: '年报一级标题',
    run: { font: FONT.h1, size: SIZE['3号'] },
    paragraph: { indent: { firstLine: INDENT_2_CHARS }, spacing: exact, outlineLevel: 0, keepNext: true },
  },
  {
    id: 'NbHeading2',
    name: '年报二级标题',
    run: { font: FONT.h2, size: SIZE['3号'] },
    paragraph: { indent: { firstLine: INDENT_2_CHARS }, spacing: exact, outlineLevel: 1, keepNext: true },
  },
  {
    id: 'NbBody',
    name: '年报正文',
    run: { font: FONT.body, size: SIZE['3号'] },
    paragraph: { alignment: AlignmentType.BOTH, indent: { firstLine: INDENT_2_CHARS }, spacing: exact },
  },
];

const STYLE_OF: Record<Exclude<OutlineBlock['kind'], 'table'>, string> = { title: 'NbTitle', h1: 'NbHeading1', h2: 'NbHeading2', body: 'NbBody' };

function run(piece: Piece): TextRun {
  // What the author still has to write is highlighted, so none of it is published by mistake.
  return typeof piece === 'string' ? new TextRun(piece) : new TextRun({ text: pieceText(piece), highlight: TODO_HIGHLIGHT });
}

/** A 2号 line of the text block holds about 20 characters. */
const TITLE_LINE = 20;

function render(block: OutlineBlock, report: Report): Paragraph | Table {
  if (block.kind === 'table') return buildTable(block.table, report);
  const runs = block.pieces.filter((p) => p !== '').map((p) =>
    // A long title breaks where the meaning does (GB/T 9704 7.3.1): body and year, then the rest.
    block.kind === 'title' && p === TITLE_TAIL && blockText(block).length > TITLE_LINE ? new TextRun({ text: p, break: 1 }) : run(p),
  );
  return new Paragraph({ style: STYLE_OF[block.kind], children: runs });
}

/** GB/T 9704 page numbers: "— 1 —" in 4号宋体, odd pages at the right, even pages at the left, one character in. */
function pageNumberFooter(side: 'odd' | 'even'): Footer {
  const oneChar = 280;
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'odd' ? { right: oneChar } : { left: oneChar },
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: FONT.pageNumber, size: SIZE['4号'] })],
      }),
    ],
  });
}

/**
 * The font table names 宋体 as the title font's alternative and gives it 宋体's classification, so
 * Word sets the title in 宋体 where 方正小标宋简体 is not installed (docx writes no font table of
 * its own for fonts it does not embed; this one part is supplied through Packer's overrides).
 */
const FONT_TABLE =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
  `<w:font w:name="${FONT.title}"><w:altName w:val="${FONT.titleFallback}"/><w:panose1 w:val="02010600030101010101"/><w:charset w:val="86"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>` +
  `<w:font w:name="${FONT.titleFallback}"><w:altName w:val="SimSun"/><w:panose1 w:val="02010600030101010101"/><w:charset w:val="86"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>` +
  `<w:font w:name="${FONT.body}"><w:altName w:val="FangSong"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>` +
  `<w:font w:name="${FONT.h2}"><w:altName w:val="KaiTi"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>` +
  `<w:font w:name="${FONT.h1}"><w:altName w:val="SimHei"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>` +
  '</w:fonts>';

export function buildDocument(report: Report, options: OutlineOptions = {}): Document {
  const blocks = outline(report, options);
  const title = blockText(blocks[0]);
  return new Document({
    title,
    creator: 'nianbao',
    description: '由 nianbao 根据年报表格生成的草稿；黄色底纹处待填写',
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: { document: { run: { font: FONT.body, size: SIZE['3号'] } } },
      paragraphStyles: STYLES,
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height, orientation: PageOrientation.PORTRAIT },
            margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right, header: PAGE.header, footer: PAGE.footer },
          },
        },
        footers: { default: pageNumberFooter('odd'), even: pageNumberFooter('even') },
        children: blocks.map((b) => render(b, report)),
      },
    ],
  });
}

/** The report as .docx bytes. */
export async function exportDocx(report: Report, options: OutlineOptions = {}): Promise<Uint8Array> {
  return Packer.pack(buildDocument(report, options), 'uint8array', false, [{ path: 'word/fontTable.xml', data: FONT_TABLE }]);
}
