/**
 * Typography of 党政机关公文格式 (GB/T 9704-2012), in Word's units.
 *
 * Page: A4 (210 × 297 mm), text block 156 × 225 mm, 天头 (top margin) 37 mm and 订口 (left
 * margin) 28 mm, so right 26 mm and bottom 35 mm. Body 3号仿宋, 22 lines of 28 characters:
 * 225 mm / 22 lines = 28.95 pt exact line height. Headings: 一级 黑体, 二级 楷体, both 3号.
 * Title 2号小标宋. Page numbers 4号宋体 "— 1 —" 7 mm below the text block.
 */

/** Twentieths of a point per millimetre. */
const TWIPS_PER_MM = 1440 / 25.4;
export const mm = (v: number): number => Math.round(v * TWIPS_PER_MM);

export const PAGE = {
  width: mm(210),
  height: mm(297),
  top: mm(37),
  left: mm(28),
  right: mm(210 - 28 - 156),
  bottom: mm(297 - 37 - 225),
  /** Footer from the page's bottom edge: the page number sits 7 mm under the text block. */
  footer: mm(297 - 37 - 225 - 7 - 5),
  header: mm(15),
} as const;

/** The text block's width: tables are laid out to exactly this. */
export const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right;

/** Chinese type sizes (号) in half-points, as Word stores sizes. */
export const SIZE = {
  '2号': 44,
  '3号': 32,
  '4号': 28,
  '5号': 21,
  '小5号': 18,
} as const;

/** 28.95 pt: 22 lines in the 225 mm text block. */
export const BODY_LINE = 579;
/** Two 3号 characters: the first-line indent of body text and headings. */
export const INDENT_2_CHARS = 640;

/**
 * Fonts. 方正小标宋简体 is not on every computer: the font table names 宋体 as its alternative
 * (w:altName) and gives it 宋体's classification (GB2312 character set, roman family, 宋体's
 * PANOSE), which is what Word uses to choose a substitute; so without it the title is in 宋体.
 * 黑体, 楷体, 仿宋 and 宋体 come with every Chinese Windows.
 */
export const FONT = {
  title: '方正小标宋简体',
  titleFallback: '宋体',
  h1: '黑体',
  h2: '楷体',
  body: '仿宋',
  table: '宋体',
  pageNumber: '宋体',
} as const;

/** Shading for what the author still has to fill in, so none of it goes out unnoticed. */
export const TODO_HIGHLIGHT = 'yellow' as const;
