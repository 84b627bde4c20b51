/**
 * Findings wait in a temporary file, one JSON line per row of 问题清单, until the workbook is
 * written. A streaming workbook writes its sheets one after the other, and 审核结果 comes first
 * but can only be sorted once every report is read; keeping the findings on disk meanwhile keeps
 * memory flat however many reports and findings there are.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as readline from 'readline';

/** One row of 问题清单: 文件, 机关, 表, 规则, 级别, 位置, 说明. */
export type FindingRow = [file: string, org: string, table: string, rule: string, level: string, location: string, message: string];

const FLUSH_AT = 64 * 1024;

export class FindingsSpool {
  /** Rows written so far. */
  rows = 0;
  errors = 0;
  private pending = '';

  private constructor(
    private readonly dir: string,
    private readonly file: string,
    private readonly fd: number,
  ) {}

  static create(): FindingsSpool {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-review-'));
    const file = path.join(dir, 'findings.jsonl');
    return new FindingsSpool(dir, file, fs.openSync(file, 'w'));
  }

  /** Appends rows; returns the 0-based index of the first one. */
  add(rows: readonly FindingRow[], errors: number): number {
    const first = this.rows;
    for (const r of rows) this.pending += `${JSON.stringify(r)}\n`;
    this.rows += rows.length;
    this.errors += errors;
    if (this.pending.length >= FLUSH_AT) this.flush();
    return first;
  }

  private flush(): void {
    if (this.pending) fs.writeSync(this.fd, this.pending);
    this.pending = '';
  }

  /** The rows in the order they were added. */
  async *read(): AsyncGenerator<FindingRow> {
    this.flush();
    const lines = readline.createInterface({ input: fs.createReadStream(this.file, { encoding: 'utf8' }), crlfDelay: Infinity });
    for await (const line of lines) if (line) yield JSON.parse(line) as FindingRow;
  }

  dispose(): void {
    try {
      fs.closeSync(this.fd);
    } catch {
      // already closed
    }
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
