/**
 * What the PDF reader takes from each page: the text runs with their positions and the straight
 * lines drawn (table borders). Platform-free data, so the table rebuilding (layout.ts) is pure and
 * testable without a PDF.
 *
 * Coordinates are PDF user space of the page: points, origin at the bottom left, y upwards.
 */

export interface TextRun {
  text: string;
  /** Left edge and baseline. */
  x: number;
  y: number;
  width: number;
  /** Font size (the glyphs' height). */
  size: number;
}

/** A horizontal or vertical stroke: a table border, cell edge or underline. */
export interface Rule {
  /** Horizontal: y is fixed, x1..x2; vertical: x is fixed, y1..y2 (as a..b). */
  dir: 'h' | 'v';
  at: number;
  a: number;
  b: number;
}

export interface PageContent {
  width: number;
  height: number;
  runs: TextRun[];
  rules: Rule[];
}
