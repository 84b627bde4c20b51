/**
 * The Word export: a report's tables and the sentences that carry its numbers as an official
 * document (GB/T 9704-2012). Platform-free; the CLI (src/cli/export.ts) and the pane use the same code.
 */
export { exportDocx, buildDocument, DOCX_MIME } from './document';
export { outline, blockText, pieceText, statedCount, timelinessGap, timelinessSentence, PART_HEADINGS, PART_ONE_SECTIONS, BLANK_TEXT } from './draft';
export type { OutlineBlock, OutlineOptions, Piece, RegisterTimeliness } from './draft';

/** The file name a report is offered under: 木厂镇2024年政府信息公开工作年度报告.docx. */
export function exportFileName(org: string, year: number | null): string {
  const safe = org.trim().replace(/[\\/:*?"<>|\r\n\t]/g, '');
  return `${safe}${year ?? ''}年政府信息公开工作年度报告.docx`;
}
