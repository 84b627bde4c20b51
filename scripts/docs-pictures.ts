/**
 * `npm run docs:pictures [-- name…]`: regenerates the pictures in docs/pictures/, which the README,
 * the manuals and the pane's help page show. Offline, and the same every run for the same code.
 *
 * Pictures of the pane and the template: the preview (built and served as `npm run preview` does)
 * in Debian's Chromium, driven as a person would. Pictures of documents: the file nianbao writes,
 * printed to PDF by LibreOffice and turned into an image by pdftoppm (poppler-utils). Every
 * picture then goes through pngquant (Debian's package), which turns a screenshot's few thousand
 * colours into a palette the eye cannot tell apart: a third of the size, and the same bytes for
 * the same input.
 *
 * Each picture is one entry of PICTURES below: its name, the steps that set the page up, and what
 * to capture. A picture of a new feature is one more entry; `test/docs/pictures.test.ts` fails
 * when a document refers to a picture that is not here or not on disk.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Browser, Page, chromium } from 'playwright-core';
import { main as cli } from '../src/cli/main';
import { Report } from '../src/core/report';
import { parseReportJson } from '../src/core/report-schema';
import { CELL_IDS } from '../src/core/tables';
import { exportDocx } from '../src/export';
import { LEDGER_COLUMNS, LedgerCell, LedgerKey } from '../src/ledger/columns';
import { ledgerBuffer } from '../src/xlsx/ledger';
import { typeRegister } from '../test/e2e/harness';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const preview = require('./preview.js') as {
  build(dir: string, options?: { production?: boolean }): { ok: boolean; output?: string };
  serve(dir: string, options?: { port?: number; host?: string }): Promise<import('http').Server>;
};

const ROOT = path.join(__dirname, '..');
export const PICTURES_DIR = path.join(ROOT, 'docs/pictures');
const CHROMIUM = '/usr/bin/chromium';
const PICTURES_PORT = 3091;

// ---------------------------------------------------------------------------------------------
// What the pictures show: a real published report (沭阳县人民政府 2025, consistent in every rule)

function sharedFixtures(): string {
  const beside = path.resolve(ROOT, '../shared');
  const base = process.env.NIANBAO_SHARED ?? (fs.existsSync(path.join(beside, 'spec/report-format.md')) ? beside : path.join(ROOT, 'test/fixtures/shared'));
  return path.join(base, 'fixtures/reports');
}

function fixture(name: string): Report {
  const parsed = parseReportJson(fs.readFileSync(path.join(sharedFixtures(), name), 'utf8'));
  if (!parsed.ok) throw new Error(`${name}: ${parsed.error}`);
  return parsed.report;
}

const REAL = (): Report => fixture('shuyang-county-2025.json');

// ---------------------------------------------------------------------------------------------
// The stage a picture's steps work on

export interface Stage {
  page: Page;
  /** Types into a cell of the template on show and commits it with Enter. */
  typeCell(id: string, text: string): Promise<void>;
  /** Inserts the template (body and year typed into the pane) and fills it with a report's cells. */
  insertAndFill(report: Report, org?: string, year?: number): Promise<void>;
  /** Waits until the pane lists a finding of this rule. */
  finding(rule: string): ReturnType<Page['locator']>;
  /** Scrolls the sheet to its left edge, with the row of this element `top` pixels below the area's top. */
  scrollSheetTo(selector: string, top?: number): Promise<void>;
}

function stageFor(page: Page): Stage {
  const cell = (id: string) => page.locator(`.nb-sheet:not([hidden]) input[data-cell="${id}"]`);
  const stage: Stage = {
    page,
    async typeCell(id, text) {
      await cell(id).fill(text);
      await cell(id).press('Enter');
    },
    async insertAndFill(report, org = report.org, year = report.year ?? 2025) {
      if (!(await page.locator('#insert-section').evaluate((d) => (d as HTMLDetailsElement).open))) await page.locator('#insert-section > summary').click();
      await page.locator('#org').fill(org);
      await page.locator('#year').fill(String(year));
      await page.locator('[data-action="insert-template"]').click();
      await cell('T3.R1.C7').waitFor();
      // A block pasted per table would be quicker, but typing is what a person does and what the e2e tests do.
      const ids = CELL_IDS.filter((id) => report.cells[id] !== undefined && report.cells[id] !== null);
      for (const id of ids) await cell(id).fill(String(report.cells[id]));
      await cell(ids[ids.length - 1]).press('Enter');
      await page.locator('[data-errors]').waitFor();
    },
    finding(rule) {
      return page.locator(`#findings [data-rule="${rule}"]`).first();
    },
    async scrollSheetTo(selector, top = 40) {
      await page.locator(selector).first().evaluate((el, top) => {
        const area = el.closest('.nb-sheet-area') as HTMLElement;
        area.scrollLeft = 0;
        area.scrollTop += el.getBoundingClientRect().top - area.getBoundingClientRect().top - top;
      }, top);
    },
  };
  return stage;
}

/** Settles the page before a picture: the pane checks on the next task; a frame or two for layout. */
async function settle(page: Page): Promise<void> {
  await page.waitForTimeout(400);
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

// ---------------------------------------------------------------------------------------------
// The pictures

interface Viewport {
  width: number;
  height: number;
  /** Device pixels per CSS pixel. */
  scale: number;
}

/** A picture of the preview page. */
export interface PagePicture {
  name: string;
  /** What it shows, in Chinese: the alt text the documents use. */
  alt: string;
  viewport: Viewport;
  steps: (stage: Stage) => Promise<void>;
  /** The element to capture (CSS selector), or the whole viewport when absent. */
  capture?: string;
  /** A part of the viewport in CSS pixels, instead of capture. */
  clip?: { x: number; y: number; width: number; height: number };
}

/** A picture of a document nianbao writes, as LibreOffice prints it. */
export interface DocumentPicture {
  name: string;
  alt: string;
  /** Writes the document into dir and returns its path. */
  write: (dir: string) => Promise<string>;
  app: 'writer' | 'calc';
  /** The page to show (1-based) and the width in pixels it is drawn at. */
  pageNumber: number;
  width: number;
  /** A part of the drawn page, in its pixels: a sheet printed on a large page fills only its top. */
  crop?: { x: number; y: number; width: number; height: number };
  /** Recalculate every formula on load (LibreOffice keeps an .xlsx's cached values by default). */
  recalculate?: boolean;
}

export type Picture = (PagePicture & { kind: 'page' }) | (DocumentPicture & { kind: 'document' });

/** Wide enough for the whole of table three beside the 320 px pane. */
const PANE: Viewport = { width: 1440, height: 640, scale: 1 };
/** For pictures of a part of the pane: drawn at twice the size, sharp on any screen. */
const PANE_SHARP: Viewport = { width: 1280, height: 800, scale: 2 };

/** T3.R3.C2 one too many: its column and its row both fail, and one change repairs both. */
async function oneCellOff(s: Stage): Promise<void> {
  const real = REAL();
  await s.insertAndFill(real);
  await s.typeCell('T3.R3.C2', String((real.cells['T3.R3.C2'] as number) + 1));
  await s.finding('T3.resultTotal').waitFor();
}

/**
 * The pictures, in the order they are made. A new one is one entry, e.g. the self-test's report:
 *
 *   { kind: 'page', name: 'self-test', alt: '环境自检的报告', viewport: PANE_SHARP,
 *     async steps(s) { await s.page.locator('[data-action="self-test"]').click(); await s.page.locator('#self-test-report').waitFor(); },
 *     capture: '#self-test-report' },
 *
 * then `npm run docs:pictures -- self-test` and `![环境自检的报告](pictures/self-test.png)` in a manual.
 */
export const PICTURES: Picture[] = [
  {
    kind: 'page',
    name: 'pane-beside-template',
    alt: '任务窗格与年报模板并排：表三一格多填了 1，模板标出错误，窗格列出问题和修改建议',
    viewport: PANE,
    async steps(s) {
      await oneCellOff(s);
      await s.finding('T3.resultTotal').locator('[data-action="select-cells"]').click();
      await s.scrollSheetTo('.nb-sheet:not([hidden]) input[data-cell="T3.R1.C1"]', 150);
      await s.page.locator('#findings [data-rule]').first().evaluate((li) => li.scrollIntoView({ block: 'nearest' }));
    },
  },
  {
    kind: 'page',
    name: 'insert-template',
    alt: '任务窗格的“插入年报模板”：填写机关和年度后点击按钮',
    viewport: PANE_SHARP,
    async steps(s) {
      await s.page.locator('#org').fill('木厂镇');
      await s.page.locator('#year').fill('2025');
    },
    capture: '#insert-section',
  },
  {
    kind: 'page',
    name: 'fill-template',
    alt: '填写表三：一格填错，表格旁的校验格显示差额，校验格和“总计”格标红',
    viewport: PANE,
    async steps(s) {
      await oneCellOff(s);
      await s.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await s.scrollSheetTo('.nb-sheet:not([hidden]) input[data-cell="T3.R1.C1"]', 150);
    },
    clip: { x: 0, y: 30, width: 1120, height: 470 },
  },
  {
    kind: 'page',
    name: 'read-finding',
    alt: '窗格中的问题：结论行、两边的数字和差额，点击问题即选中相关单元格',
    viewport: PANE_SHARP,
    async steps(s) {
      const real = REAL();
      await s.insertAndFill(real);
      await s.typeCell('T4.R1.C5', String((real.cells['T4.R1.C5'] as number) + 4));
      await s.finding('T4.groupTotal').waitFor();
      await s.finding('T4.groupTotal').locator('[data-action="select-cells"]').hover();
    },
    capture: '#check-section',
  },
  {
    kind: 'page',
    name: 'quick-fix',
    alt: '一键修正：“按建议修改”同时满足两条规则，“空白格填0”“重算总计”',
    viewport: PANE_SHARP,
    async steps(s) {
      await oneCellOff(s);
      await s.page.locator('#findings [data-action="apply-suggestion"]').first().hover();
    },
    capture: '#check-section',
  },
  {
    kind: 'page',
    name: 'acknowledge-warning',
    alt: '为提示填写说明：表二填了“/”，写明理由后标为“已说明”',
    viewport: PANE_SHARP,
    async steps(s) {
      await s.insertAndFill(REAL());
      await s.typeCell('T2.R1.C1', '/');
      const item = s.finding('cell.placeholder');
      await item.waitFor();
      await item.locator('[data-action="acknowledge"]').click();
      await item.locator('[data-role="reason"]').fill('本机关无规章制定权，本年未制发规章');
    },
    capture: '#check-section',
  },
  {
    kind: 'page',
    name: 'prior-report',
    alt: '跨年度核对：本年“上年结转”与上年“结转下年度”不一致，问题下方并列两年的数字',
    viewport: PANE_SHARP,
    async steps(s) {
      const real = REAL();
      const year = real.year ?? 2025;
      await s.insertAndFill(real);
      // Last year's sheet in the same workbook: its 结转下年度 two short of this year's 上年结转 for 自然人.
      await s.page.locator('#insert-section > summary').click();
      await s.page.locator('#year').fill(String(year - 1));
      await s.page.locator('[data-action="insert-template"]').click();
      await s.page.locator(`.nb-tab[aria-selected="true"]`, { hasText: String(year - 1) }).waitFor();
      const n = (id: string) => real.cells[id] as number;
      for (let c = 1; c <= 7; c++) await s.typeCell(`T3.R25.C${c}`, String(n(`T3.R2.C${c}`) - (c === 1 || c === 7 ? 2 : 0)));
      for (const r of [1, 2]) await s.typeCell(`T2.R${r}.C3`, String(n(`T2.R${r}.C3`) - n(`T2.R${r}.C1`) + n(`T2.R${r}.C2`)));
      await s.page.locator('.nb-tab', { hasText: String(year) }).first().click();
      await s.finding('prior.carryOver').waitFor();
    },
    capture: '#check-section',
  },
  {
    kind: 'page',
    name: 'import-confirm',
    alt: '导入本年数据：已填写的格要改动时，先列出原值和新值，请您选择“全部替换”“只填空白格”或“取消”',
    viewport: PANE_SHARP,
    async steps(s) {
      const real = REAL();
      if (!(await s.page.locator('#insert-section').evaluate((d) => (d as HTMLDetailsElement).open))) await s.page.locator('#insert-section > summary').click();
      await s.page.locator('#org').fill(real.org);
      await s.page.locator('#year').fill(String(real.year));
      await s.page.locator('[data-action="insert-template"]').click();
      // Three cells typed by hand, each unlike the published report being imported.
      await s.typeCell('T3.R1.C1', String((real.cells['T3.R1.C1'] as number) + 1));
      await s.typeCell('T3.R1.C7', String((real.cells['T3.R1.C7'] as number) + 1));
      await s.typeCell('T2.R1.C1', '/');
      await s.page.locator('#import-section > summary').click();
      const chooser = s.page.waitForEvent('filechooser');
      await s.page.locator('[data-action="import-current"]').click();
      await chooser;
      await s.page.locator('#import-file').setInputFiles({ name: '沭阳县人民政府2025年年报.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(real)) });
      await s.page.locator('#import-panel [data-action="import-blanks-only"]').waitFor();
    },
    capture: '#import-section',
  },
  {
    kind: 'page',
    name: 'self-test',
    alt: '环境自检的报告：逐项显示 ✓ 或 ✗ 和错误代码，可复制报告（预览中对页面内的临时工作簿）',
    viewport: PANE_SHARP,
    async steps(s) {
      await s.page.locator('#selftest-section > summary').click();
      await s.page.locator('#selftest-button').click();
      await s.page.locator('.nb-selftest-tally', { hasText: '自检完成' }).waitFor({ timeout: 20_000 });
    },
    capture: '#selftest-section',
  },
  {
    kind: 'page',
    name: 'ledger-pane',
    alt: '任务窗格的“依申请公开台账”：台账统计的表三与年报中填写的表三并列，不同的格标出，可“用台账填写表三”',
    // Tall: the section with the whole of the register's 表三 is longer than PANE_SHARP's screen.
    viewport: { ...PANE_SHARP, height: 1500 },
    async steps(s) {
      const page = s.page;
      await typeRegister(s.page, '2025', [
        ['2025-03-04', '自然人', '2025-03-20', '予以公开'],
        ['2025-05-06', '商业企业', '2025-05-28', '部分公开'],
        ['2025-12-22', '自然人', null, null],
      ]);
      await page.locator('#ledger-t3 td[data-cell="T3.R1.C1"][data-ledger="2"]').waitFor();
      await page.locator('#ledger-section').evaluate((d) => d.scrollIntoView({ block: 'start' }));
    },
    capture: '#ledger-section',
  },
  {
    kind: 'page',
    name: 'ledger-register',
    alt: '台账工作表与任务窗格并排：一件申请的答复日期早于收到日期，窗格列出这个问题，点击即选中台账中的那一行',
    viewport: PANE,
    async steps(s) {
      await typeRegister(s.page, '2025', [
        ['2025-03-04', '自然人', '2025-03-20', '予以公开'],
        ['2025-05-06', '商业企业', '2025-04-01', '予以公开'],
        ['2025-09-08', '法律服务机构', '2025-09-26', '部分公开'],
      ]);
      const finding = s.page.locator('#ledger-findings li[data-rule="ledger.answerBeforeReceipt"]');
      await finding.waitFor();
      await finding.locator('.where').click();
      // Into view inside the pane only: the page itself stays at its top, banner and all.
      await finding.evaluate((li) => {
        li.scrollIntoView({ block: 'center' });
        window.scrollTo(0, 0);
        document.scrollingElement?.scrollTo(0, 0);
      });
    },
  },
  {
    kind: 'page',
    name: 'findings-block-option',
    alt: '任务窗格的“问题清单与启动方式”：在表格下方添加问题清单（NIANBAO.CHECK）是一个明确的选择，默认不加',
    viewport: PANE_SHARP,
    async steps(s) {
      await s.page.locator('#org').fill('木厂镇');
      await s.page.locator('#year').fill('2025');
      await s.page.locator('[data-action="insert-template"]').click();
      await s.page.locator('#findings li').first().waitFor();
      await s.page.locator('#insert-section > summary').click();
      const section = s.page.locator('#options-section');
      await section.waitFor({ state: 'visible' });
      await s.page.locator('#options-section > summary').click();
      await s.page.locator('#block-toggle').waitFor({ state: 'visible' });
    },
    capture: '#options-section',
  },
  {
    kind: 'document',
    name: 'export-first-page',
    alt: '导出的 Word 年报第一页（LibreOffice 排版）',
    app: 'writer',
    pageNumber: 1,
    width: 900,
    async write(dir) {
      const file = path.join(dir, '沭阳县人民政府2025年政府信息公开工作年度报告.docx');
      fs.writeFileSync(file, await exportDocx(REAL()));
      return file;
    },
  },
  {
    kind: 'document',
    name: 'review-results',
    alt: '审核工作簿的“审核结果”表：每份年报一行，有错误的排在最前',
    app: 'calc',
    pageNumber: 1,
    width: 2000,
    crop: { x: 107, y: 113, width: 1787, height: 167 },
    async write(dir) {
      return reviewWorkbook(dir);
    },
  },
  {
    kind: 'document',
    name: 'review-findings',
    alt: '审核工作簿的“问题清单”表：每个问题一行，写明文件、机关、规则、级别、位置和说明',
    app: 'calc',
    pageNumber: 2,
    width: 2000,
    crop: { x: 107, y: 113, width: 1787, height: 110 },
    async write(dir) {
      return reviewWorkbook(dir);
    },
  },
  {
    kind: 'document',
    name: 'ledger-summary',
    alt: '台账工作簿的“台账汇总”页：由登记的申请按年度自动汇总出表三（LibreOffice 重新计算后打印）',
    app: 'calc',
    pageNumber: 2,
    width: 1400,
    crop: { x: 70, y: 95, width: 1260, height: 890 },
    recalculate: true,
    async write(dir) {
      const file = path.join(dir, '依申请公开台账2025.xlsx');
      fs.writeFileSync(file, await ledgerBuffer({ year: 2025, org: '木厂镇', rows: LEDGER_ROWS.map(ledgerRow) }));
      return file;
    },
  },
];

// ---------------------------------------------------------------------------------------------
// A small register: a town's applications for 2025, one carried over from 2024, one still open

type LedgerRow = { received: string; type: string; answered?: string; result?: string; extended?: boolean };

const LEDGER_ROWS: LedgerRow[] = [
  { received: '2024-12-23', type: '自然人', answered: '2025-01-15', result: '予以公开' },
  { received: '2025-02-10', type: '自然人', answered: '2025-02-26', result: '予以公开' },
  { received: '2025-03-04', type: '商业企业', answered: '2025-03-25', result: '部分公开' },
  { received: '2025-04-14', type: '自然人', answered: '2025-05-12', result: '无法提供-本机关不掌握相关政府信息', extended: true },
  { received: '2025-06-02', type: '法律服务机构', answered: '2025-06-20', result: '予以公开' },
  { received: '2025-09-08', type: '自然人', answered: '2025-09-26', result: '不予处理-信访举报投诉类申请' },
  { received: '2025-12-22', type: '社会公益组织' },
];

function ledgerRow(r: LedgerRow, i: number): LedgerCell[] {
  const date = (iso: string) => new Date(`${iso}T00:00:00Z`);
  const values: Partial<Record<LedgerKey, LedgerCell>> = {
    serial: i + 1,
    number: `2025-${String(i + 1).padStart(3, '0')}`,
    received: date(r.received),
    applicantType: r.type,
    applicant: '（略）',
    method: '网络',
    content: '（略）',
    corrected: '否',
    consulted: '否',
    extended: r.extended ? '是' : '否',
    answered: r.answered ? date(r.answered) : null,
    result: r.result ?? null,
    fee: r.answered ? 0 : null,
  };
  return LEDGER_COLUMNS.map((c) => values[c.key] ?? null);
}

// ---------------------------------------------------------------------------------------------
// The review workbook: a county office's batch, as `nianbao review` writes it

async function reviewWorkbook(dir: string): Promise<string> {
  const inputs = path.join(dir, '各单位年报');
  fs.mkdirSync(inputs, { recursive: true });
  const real = REAL();
  const as = (org: string, change: Record<string, number> = {}): Report => ({ ...real, org, cells: { ...real.cells, ...change } });
  const write = (name: string, report: Report) => fs.writeFileSync(path.join(inputs, name), JSON.stringify(report));
  write('县人民政府.json', as('沭阳县人民政府'));
  write('县发展和改革局.json', as('沭阳县发展和改革局', { 'T3.R3.C2': (real.cells['T3.R3.C2'] as number) + 1 }));
  write('县教育局.json', as('沭阳县教育局', { 'T4.R1.C5': (real.cells['T4.R1.C5'] as number) + 4 }));
  write('县财政局.json', as('沭阳县财政局'));
  fs.copyFileSync(path.join(sharedFixtures(), 'muchang-town-2024.txt'), path.join(inputs, '木厂镇.txt'));
  fs.writeFileSync(path.join(inputs, '县卫生健康委员会.docx'), 'not a Word file');
  const out = path.join(dir, '审核结果.xlsx');
  const io = { out: () => undefined, err: () => undefined, now: () => new Date('2026-01-20T09:00:00+08:00') };
  // Run from the folder, as an office would: the workbook names the files as they were given.
  const cwd = process.cwd();
  process.chdir(dir);
  let code: number;
  try {
    code = await cli(['review', path.basename(inputs), '--out', path.basename(out)], io);
  } finally {
    process.chdir(cwd);
  }
  if (!fs.existsSync(out)) throw new Error(`nianbao review wrote no workbook (exit ${code})`);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Making them

function soffice(): string {
  for (const p of ['/usr/bin/soffice', '/usr/bin/libreoffice', '/usr/local/bin/soffice']) if (fs.existsSync(p)) return p;
  throw new Error('需要 LibreOffice：apt-get install libreoffice-writer-nogui libreoffice-calc-nogui');
}

async function documentPicture(p: DocumentPicture, dir: string): Promise<string> {
  const work = fs.mkdtempSync(path.join(dir, `${p.name}-`));
  const file = await p.write(work);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-lo-profile-'));
  if (p.recalculate) {
    fs.mkdirSync(path.join(profile, 'user'), { recursive: true });
    const always = (n: string) => `<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="${n}" oor:op="fuse"><value>0</value></prop></item>`;
    fs.writeFileSync(
      path.join(profile, 'user/registrymodifications.xcu'),
      `<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n${always('OOXMLRecalcMode')}\n${always('ODFRecalcMode')}\n</oor:items>\n`,
    );
  }
  try {
    execFileSync(soffice(), [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', `--${p.app}`, '--convert-to', 'pdf', '--outdir', work, file], { stdio: 'pipe', timeout: 180_000 });
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
  const pdf = path.join(work, `${path.basename(file, path.extname(file))}.pdf`);
  if (!fs.existsSync(pdf)) throw new Error(`LibreOffice did not print ${path.basename(file)}`);
  const out = path.join(PICTURES_DIR, `${p.name}.png`);
  const stem = path.join(work, 'page');
  const crop = p.crop ? ['-x', String(p.crop.x), '-y', String(p.crop.y), '-W', String(p.crop.width), '-H', String(p.crop.height)] : [];
  execFileSync('pdftoppm', ['-png', '-singlefile', '-f', String(p.pageNumber), '-l', String(p.pageNumber), '-scale-to-x', String(p.width), '-scale-to-y', '-1', ...crop, pdf, stem], { stdio: 'pipe' });
  fs.copyFileSync(`${stem}.png`, out);
  return quantize(out);
}

/** pngquant in place: a palette of at most 256 colours, chosen so the picture looks the same. */
function quantize(file: string): string {
  if (!fs.existsSync('/usr/bin/pngquant')) throw new Error('需要 pngquant：apt-get install pngquant');
  const run = spawnSync('/usr/bin/pngquant', ['--quality', '80-100', '--speed', '1', '--strip', '--force', '--output', file, '--', file], { stdio: 'pipe' });
  // 98: the palette would be larger, 99: it would not look the same; either way the picture stays as drawn.
  if (run.status !== 0 && run.status !== 98 && run.status !== 99) throw new Error(`pngquant：${run.stderr?.toString() || run.error}`);
  return file;
}

async function pagePicture(p: PagePicture, browser: Browser, origin: string): Promise<string> {
  const context = await browser.newContext({
    viewport: { width: p.viewport.width, height: p.viewport.height },
    deviceScaleFactor: p.viewport.scale,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    serviceWorkers: 'block',
    reducedMotion: 'reduce',
  });
  // Offline, like the preview itself: anything but our own server is refused.
  await context.route('**/*', (route) => (route.request().url().startsWith(`${origin}/`) ? route.continue() : route.abort('blockedbyclient')));
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  try {
    await page.goto(`${origin}/`);
    await page.locator('.nb-layout').waitFor();
    await page.locator('body[data-ready]').waitFor({ state: 'attached' });
    await p.steps(stageFor(page));
    await settle(page);
    if (errors.length > 0) throw new Error(errors.join('\n'));
    const out = path.join(PICTURES_DIR, `${p.name}.png`);
    const options = { path: out, animations: 'disabled' as const, caret: 'hide' as const };
    if (p.capture) await page.locator(p.capture).first().screenshot(options);
    else await page.screenshot({ ...options, clip: p.clip });
    return quantize(out);
  } finally {
    await context.close();
  }
}

async function run(names: string[]): Promise<number> {
  const unknown = names.filter((n) => !PICTURES.some((p) => p.name === n));
  if (unknown.length > 0) {
    console.error(`没有这些图：${unknown.join('、')}。可选：${PICTURES.map((p) => p.name).join('、')}`);
    return 2;
  }
  const chosen = names.length === 0 ? PICTURES : PICTURES.filter((p) => names.includes(p.name));
  fs.mkdirSync(PICTURES_DIR, { recursive: true });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-pictures-'));
  let server: import('http').Server | null = null;
  let browser: Browser | null = null;
  try {
    const pages = chosen.filter((p): p is PagePicture & { kind: 'page' } => p.kind === 'page');
    if (pages.length > 0) {
      if (!fs.existsSync(CHROMIUM)) throw new Error('需要 Chromium：apt-get install chromium');
      console.log('正在构建预览（webpack）…');
      const built = preview.build(path.join(dir, 'preview'));
      if (!built.ok) throw new Error(`构建失败：\n${built.output}`);
      // A fixed port when it is free: the self-test's report shows office.js's address, and a picture should not
      // change from run to run for nothing. Any free port otherwise.
      server = await preview.serve(path.join(dir, 'preview'), { port: PICTURES_PORT }).catch(() => preview.serve(path.join(dir, 'preview'), { port: 0 }));
      const origin = `http://127.0.0.1:${(server.address() as import('net').AddressInfo).port}`;
      browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--font-render-hinting=none'] });
      for (const p of pages) report(await pagePicture(p, browser, origin));
    }
    for (const p of chosen) if (p.kind === 'document') report(await documentPicture(p, dir));
    return 0;
  } finally {
    await browser?.close();
    server?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function report(file: string): void {
  console.log(`${path.relative(ROOT, file)}  ${(fs.statSync(file).size / 1024).toFixed(0)} KB`);
}

if (require.main === module) {
  run(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      console.error(`未能生成配图：${e instanceof Error ? e.message : String(e)}`);
      process.exit(1);
    },
  );
}
