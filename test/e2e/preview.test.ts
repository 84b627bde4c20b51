/**
 * The preview in a real browser: `npm run preview` serves the task pane page, Debian's Chromium
 * opens it, and the pane, the in-page workbook and the core run as a person meets them.
 *
 * Whatever the pane shows is compared with what the core engine says for the same values,
 * computed here — never with expectations written by hand.
 */
import { Locator, Page } from 'playwright-core';
import { check } from '../../src/core/engine';
import { Finding } from '../../src/core/findings';
import { CellValue, Report } from '../../src/core/report';
import { PASS_MARK, sheetPlan, sheetTitle } from '../../src/core/sheet';
import { CELL_IDS, TABLES } from '../../src/core/tables';
import { typedValue } from '../../src/preview/typing';
import { consistentReport, fixture } from '../helpers/reports';
import { Guard, artifact, isOfficeTelemetryBlock, openPage, previewInChromium, problems } from './harness';

const preview = previewInChromium({ hookTimeout: 180_000 });

const plan = sheetPlan();
const ORG = '沭阳县人民政府';
const YEAR = 2025;
const TITLE = sheetTitle(YEAR);
/** A real published report (沭阳县 2025), consistent in every rule. */
const REAL = fixture('shuyang-county-2025.json');

async function waitForPreview(page: Page): Promise<void> {
  await page.locator('.nb-layout').waitFor();
  // The pane is usable: its handlers are attached and its first screen drawn.
  await page.locator('body[data-ready]').waitFor({ state: 'attached' });
}

/** Opens a folded section of the pane (inserting, last year's report, importing) as a person does: a click on its title. */
async function unfold(page: Page, id: string): Promise<void> {
  if (!(await page.locator(`#${id}`).evaluate((d) => (d as HTMLDetailsElement).open))) await page.locator(`#${id} > summary`).click();
}

describe('the page in a plain browser', () => {
  let page: Page;
  let guard: Guard;

  beforeAll(async () => {
    ({ page, guard } = await openPage(preview.browser, preview.server.origin));
    await page.goto(`${preview.server.origin}/`);
    await waitForPreview(page);
  });

  afterAll(() => page.context().close());

  test('starts the preview: the workbook on the left, the pane at 320 px on the right, all in Chinese', async () => {
    const pane = await page.locator('.nb-pane').boundingBox();
    const workbook = await page.locator('.nb-workbook').boundingBox();
    expect(pane!.width).toBe(320);
    expect(pane!.x + pane!.width).toBe(1280);
    expect(workbook!.x).toBe(0);
    expect(workbook!.x + workbook!.width).toBeLessThanOrEqual(pane!.x);
    expect(await page.locator('.nb-bar').textContent()).toContain('预览模式');
    expect(await page.locator('.nb-tab').allTextContents()).toEqual(['Sheet1']);
    expect(await page.locator('.nb-hint').textContent()).toContain('插入年报模板');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
  });

  test('loads office.js from the preview server, and nothing from anywhere else', async () => {
    // office.js tries to frame Microsoft's telemetry three seconds after loading; wait for it.
    await page.waitForTimeout(3500);
    expect(guard.requests).toContain(`${preview.server.origin}/office-js/office.js`);
    expect(problems(guard)).toEqual([]);
    // The CSP stopped office.js's telemetry frame before any request: it shows as a violation only.
    expect(guard.violations.filter(isOfficeTelemetryBlock).map((v) => v.directive)).toContain('frame-src');
  });

  test('sends the strict Content-Security-Policy', async () => {
    const res = await page.request.get(`${preview.server.origin}/taskpane.html`);
    const csp = res.headers()['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/unsafe-(inline|eval)/);
  });
});

// ---------------------------------------------------------------------------------------------
// The pane and the workbook together

/** What the pane should list for these findings: one item per finding, blank cells gathered per table. */
function expectedItems(findings: readonly Finding[]): string[] {
  const blanks = new Map<string, string[]>();
  const items: string[] = [];
  for (const f of findings) {
    if (f.rule === 'cell.blank') blanks.set(String(f.table), [...(blanks.get(String(f.table)) ?? []), ...f.cells]);
    else items.push(`${f.rule} ${f.severity} [${f.cells.join(' ')}]`);
  }
  for (const cells of blanks.values()) items.push(`cell.blank warning [${cells.join(' ')}]`);
  return items.sort();
}

async function shownItems(page: Page): Promise<string[]> {
  const items = await page.locator('#findings [data-rule]').evaluateAll((els) => els.map((e) => `${(e as HTMLElement).dataset.rule} ${(e as HTMLElement).dataset.severity} [${(e as HTMLElement).dataset.cells}]`));
  return items.sort();
}

async function shownCounts(page: Page): Promise<{ errors: string | null; warnings: string | null }> {
  const summary = page.locator('[data-errors]');
  if ((await summary.count()) === 0) return { errors: null, warnings: null };
  return { errors: await summary.getAttribute('data-errors'), warnings: await summary.getAttribute('data-warnings') };
}

/** Retries an assertion until it holds: the pane checks after a short pause in typing. */
async function eventually(assertion: () => Promise<void>, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      await assertion();
      return;
    } catch (e) {
      if (Date.now() > until) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/**
 * The state of the workbook as the page holds it — what each input shows — and the report the
 * core makes of it: the values a spreadsheet would store for the same keystrokes.
 */
async function reportOnPage(page: Page, sheet?: string): Promise<Report> {
  const scope = sheet === undefined ? '.nb-sheet:not([hidden])' : `.nb-sheet[data-sheet="${sheet}"]`;
  const texts = await page.locator(`${scope} input[data-cell]`).evaluateAll((els) => Object.fromEntries(els.map((e) => [(e as HTMLInputElement).dataset.cell, (e as HTMLInputElement).value])));
  const meta = await page.locator(`${scope} input[data-meta]`).evaluateAll((els) => Object.fromEntries(els.map((e) => [(e as HTMLInputElement).dataset.meta, (e as HTMLInputElement).value])));
  const cells: Record<string, CellValue> = {};
  for (const id of CELL_IDS) cells[id] = typedValue(texts[id] ?? '');
  const year = typedValue(meta.year ?? '');
  return { format: 'nianbao/report@1', org: String(typedValue(meta.org ?? '') ?? '').trim(), year: typeof year === 'number' ? year : null, cells };
}

/**
 * The pane lists exactly what the engine finds for what the page holds, and counts it the same;
 * with `priorSheet`, last year's report is what that sheet of the page holds.
 */
async function expectPaneToAgreeWithEngine(page: Page, expected?: Report, priorSheet?: string): Promise<Finding[]> {
  let findings: Finding[] = [];
  await eventually(async () => {
    const report = await reportOnPage(page);
    if (expected) expect(report.cells).toEqual(Object.fromEntries(CELL_IDS.map((id) => [id, expected.cells[id] ?? null])));
    findings = check(report, { prior: priorSheet === undefined ? null : await reportOnPage(page, priorSheet) });
    expect(await shownItems(page)).toEqual(expectedItems(findings));
    const errors = findings.filter((f) => f.severity === 'error').length;
    expect(await shownCounts(page)).toEqual({ errors: String(errors), warnings: String(findings.length - errors) });
  });
  return findings;
}

const cellInput = (page: Page, id: string): Locator => page.locator(`.nb-sheet:not([hidden]) input[data-cell="${id}"]`);

async function typeReport(page: Page, cells: Record<string, CellValue | undefined>): Promise<void> {
  // As a person going from cell to cell: leaving a cell commits it, Enter commits the last one.
  const entries = Object.entries(cells);
  for (const [id, v] of entries) await cellInput(page, id).fill(v === null || v === undefined ? '' : String(v));
  if (entries.length > 0) await cellInput(page, entries[entries.length - 1][0]).press('Enter');
}

/** Types into a cell and commits it with Enter, as in Excel (the preview commits a cell on Enter, Tab or leaving it). */
async function typeCell(page: Page, id: string, text: string): Promise<void> {
  await cellInput(page, id).fill(text);
  await cellInput(page, id).press('Enter');
}

async function checkCellTexts(page: Page): Promise<string[]> {
  return page.locator('.nb-sheet:not([hidden]) td[data-check]').allTextContents();
}

/** The input cells the template's marks (its conditional formats) paint, as the grid evaluates them. */
async function markedCells(page: Page): Promise<string[]> {
  return (await page.locator('.nb-sheet:not([hidden]) td[data-mark] input').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).dataset.cell!))).sort();
}

describe('a person filling in the report in the preview', () => {
  let page: Page;
  let guard: Guard;

  beforeAll(async () => {
    ({ page, guard } = await openPage(preview.browser, preview.server.origin));
    await page.goto(`${preview.server.origin}/`);
    await waitForPreview(page);
  });

  afterAll(() => page.context().close());

  afterEach(() => {
    expect(problems(guard)).toEqual([]);
  });

  test('inserts the template with the body and year typed into the pane', async () => {
    await page.locator('#org').fill(ORG);
    await page.locator('#year').fill(String(YEAR));
    await page.locator('[data-action="insert-template"]').click();
    await cellInput(page, 'T3.R1.C7').waitFor();
    expect(await page.locator('.nb-tab[aria-selected="true"]').textContent()).toBe(TITLE);
    const sheet = page.locator('.nb-sheet:not([hidden])');
    expect(await sheet.locator('input[data-cell]').count()).toBe(200);
    expect(await sheet.locator('td[data-title]').textContent()).toBe(`${ORG}${YEAR}年政府信息公开工作年度报告`);
    expect(await sheet.locator('input[data-meta="org"]').inputValue()).toBe(ORG);
    expect(await sheet.locator('input[data-meta="year"]').inputValue()).toBe(String(YEAR));
    // The official layout: every planned merge, every label word for word.
    const drawn = await sheet.locator('td[data-address]').evaluateAll((tds) =>
      Object.fromEntries(tds.map((td) => [(td as HTMLElement).dataset.address, [(td as HTMLTableCellElement).rowSpan, (td as HTMLTableCellElement).colSpan, td.querySelector('input') ? '' : td.textContent]])),
    );
    const a1 = (r: number, c: number) => `${String.fromCharCode(65 + c)}${r + 1}`;
    for (const m of plan.merges) expect([a1(m.r1, m.c1), ...drawn[a1(m.r1, m.c1)].slice(0, 2)]).toEqual([a1(m.r1, m.c1), m.r2 - m.r1 + 1, m.c2 - m.c1 + 1]);
    for (const t of ['T2', 'T3', 'T4'] as const) {
      for (const l of TABLES[t].labels) expect(drawn[a1(plan.tables[t].row + l.r, plan.tables[t].col + l.c)][2]).toBe(l.text);
    }
    // A fresh template: every cell blank, which the pane reports per table.
    await expectPaneToAgreeWithEngine(page);
  });

  test('typing a real report in full: every check cell shows ✓, and so does the pane', async () => {
    await typeReport(page, REAL.cells);
    const findings = await expectPaneToAgreeWithEngine(page, REAL);
    expect(findings).toEqual([]);
    expect(new Set(await checkCellTexts(page))).toEqual(new Set([PASS_MARK]));
    expect(await page.locator('.nb-sheet:not([hidden]) td[data-summary]').textContent()).toBe(`${PASS_MARK} 全部勾稽关系通过（${plan.checkCount}条）`);
    expect(await page.locator('[data-errors]').textContent()).toContain(PASS_MARK);
    expect(await markedCells(page)).toEqual([]);
  });

  test('one wrong cell: exactly the engine’s findings, the signed differences in the check cells, the total and its check marked', async () => {
    const original = REAL.cells['T4.R1.C5'] as number;
    await typeCell(page, 'T4.R1.C5', String(original + 4));
    const findings = await expectPaneToAgreeWithEngine(page);
    expect(findings.map((f) => f.rule)).toEqual(['T4.groupTotal']);
    expect((await checkCellTexts(page)).filter((t) => t !== PASS_MARK)).toEqual(findings.map((f) => String(f.difference)));
    // A stale total: the template's marks paint the total and its check cell, not its parts.
    await eventually(async () => expect(await markedCells(page)).toEqual(['T4.R1.C5']));
    expect(await page.locator('.nb-sheet:not([hidden]) td[data-check][data-mark="error"]').count()).toBe(1);
    // The picture a reviewer wants: the failing check cell in the sheet, the finding in the pane.
    await page.locator('.nb-sheet:not([hidden]) td[data-check][data-mark="error"]').first().evaluate((td) => td.scrollIntoView({ block: 'center', inline: 'center' }));
    await page.locator('#findings [data-rule]').first().evaluate((li) => li.scrollIntoView({ block: 'center' }));
    await page.screenshot({ path: artifact('preview-1280x800-finding.png') });

    await typeCell(page, 'T4.R1.C5', String(original));
    expect(await expectPaneToAgreeWithEngine(page, REAL)).toEqual([]);
    await eventually(async () => expect(await markedCells(page)).toEqual([]));
  });

  test('clicking a finding selects its cells in the sheet, the first one focused', async () => {
    await typeCell(page, 'T3.R3.C2', String((REAL.cells['T3.R3.C2'] as number) + 1));
    const findings = await expectPaneToAgreeWithEngine(page);
    const first = page.locator('#findings [data-rule]').first();
    const cells = (await first.getAttribute('data-cells'))!.split(' ');
    await first.locator('[data-action="select-cells"]').click();
    await eventually(async () => expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset?.cell)).toBe(cells[0]));
    const selected = await page.locator('.nb-sheet:not([hidden]) td.nb-selected input').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).dataset.cell!));
    expect(selected.sort()).toEqual([...cells].sort());
    expect(await cellInput(page, cells[0]).isVisible()).toBe(true);
    expect(findings.length).toBeGreaterThanOrEqual(2);
  });

  test('a finding’s suggested fix changes the one cell that repairs both equations', async () => {
    // T3.R3.C2 is off by one since the last test: its column total and its row total both fail.
    const suggestion = page.locator('#findings [data-action="apply-suggestion"]').first();
    await suggestion.waitFor();
    await suggestion.click();
    await eventually(async () => expect(await cellInput(page, 'T3.R3.C2').inputValue()).toBe(String(REAL.cells['T3.R3.C2'])));
    expect(await expectPaneToAgreeWithEngine(page, REAL)).toEqual([]);
  });

  test('a block pasted from a spreadsheet fills the cells to the right and below, and is checked', async () => {
    // Last year's table three from another spreadsheet: 25 rows of 7 numbers, tab-separated.
    const other = consistentReport(7, ORG, YEAR);
    const rows = Array.from({ length: 25 }, (_, r) => Array.from({ length: 7 }, (_, c) => String(other.cells[`T3.R${r + 1}.C${c + 1}`])).join('\t'));
    await typeCell(page, 'T3.R5.C5', '999'); // something wrong for the paste to overwrite
    await expectPaneToAgreeWithEngine(page);
    await page.evaluate((text) => navigator.clipboard.writeText(text), `${rows.join('\r\n')}\r\n`);
    await cellInput(page, 'T3.R1.C1').click();
    await page.keyboard.press('Control+V');
    const expected: Report = { ...REAL, cells: { ...REAL.cells, ...Object.fromEntries(Object.entries(other.cells).filter(([id]) => id.startsWith('T3.'))) } };
    expect(await expectPaneToAgreeWithEngine(page, expected)).toEqual([]);
    expect(await page.locator('.nb-status').textContent()).toBe('已粘贴 175 个单元格。');
    expect(await cellInput(page, 'T3.R25.C7').inputValue()).toBe(String(other.cells['T3.R25.C7']));
    await typeReport(page, Object.fromEntries(Object.entries(REAL.cells).filter(([id]) => id.startsWith('T3.'))));
  });

  test('quick fix 空白格填0 fills exactly the blank cells', async () => {
    // Not 现行有效 beside a count issued: filled with 0 it would rightly draw T2.inForceShort.
    const blanked = ['T2.R1.C1', 'T2.R1.C2', 'T2.R5.C1', 'T2.R6.C1'];
    await typeReport(page, Object.fromEntries(blanked.map((id) => [id, null])));
    const findings = await expectPaneToAgreeWithEngine(page);
    expect(findings.map((f) => f.rule)).toEqual(blanked.map(() => 'cell.blank'));
    await page.locator('[data-action="fill-blanks"]').click();
    await eventually(async () => expect(await Promise.all(blanked.map((id) => cellInput(page, id).inputValue()))).toEqual(blanked.map(() => '0')));
    expect(await expectPaneToAgreeWithEngine(page)).toEqual([]);
    await typeReport(page, Object.fromEntries(blanked.map((id) => [id, REAL.cells[id]])));
    expect(await expectPaneToAgreeWithEngine(page, REAL)).toEqual([]);
  });

  test('quick fix 重算总计 recomputes the totals from their parts', async () => {
    await typeReport(page, { 'T3.R24.C1': (REAL.cells['T3.R24.C1'] as number) + 5, 'T4.R1.C10': 0 });
    const findings = await expectPaneToAgreeWithEngine(page);
    expect(findings.some((f) => f.rule === 'T3.resultTotal')).toBe(true);
    await page.locator('[data-action="recompute-totals"]').click();
    expect(await expectPaneToAgreeWithEngine(page, REAL)).toEqual([]);
  });

  test('markup typed into a cell stays text: shown as typed, 含文本 in the sheet, cell.notNumber in the pane', async () => {
    const markup = '<img src=x onerror=alert(1)>';
    await typeCell(page, 'T4.R1.C1', markup);
    const findings = await expectPaneToAgreeWithEngine(page);
    expect(findings.map((f) => [f.rule, f.cells])).toEqual([['cell.notNumber', ['T4.R1.C1']]]);
    const item = page.locator('#findings [data-rule="cell.notNumber"]');
    expect(await item.getAttribute('data-cells')).toBe('T4.R1.C1');
    expect(await item.textContent()).toContain(markup);
    expect(await cellInput(page, 'T4.R1.C1').inputValue()).toBe(markup);
    expect((await checkCellTexts(page)).filter((t) => t !== PASS_MARK)).toEqual(['含文本']);
    // The findings block is the user's choice (as in Excel): added through the pane, it quotes the markup as text.
    const spill = page.locator('.nb-sheet:not([hidden]) tbody.nb-spill');
    expect(await spill.textContent()).toBe('');
    await unfold(page, 'options-section');
    await page.locator('#block-toggle').click();
    await page.locator('#block-toggle', { hasText: '移除问题清单' }).waitFor();
    expect(await spill.textContent()).toContain(markup);
    await page.locator('#block-toggle').click();
    await page.locator('#block-toggle', { hasText: '添加问题清单' }).waitFor();
    expect(await spill.textContent()).toBe('');
    // Nothing was ever parsed as HTML: no image element, no request for "x", no alert.
    await page.waitForTimeout(300);
    expect(await page.locator('img').count()).toBe(0);
    expect(guard.requests.filter((u) => new URL(u).pathname === '/x')).toEqual([]);
    expect(guard.dialogs).toEqual([]);
    await typeCell(page, 'T4.R1.C1', String(REAL.cells['T4.R1.C1']));
    expect(await expectPaneToAgreeWithEngine(page, REAL)).toEqual([]);
  });

  test('a warning acknowledged with a reason is kept, and stops counting as a warning', async () => {
    await typeCell(page, 'T2.R1.C1', '/');
    const findings = await expectPaneToAgreeWithEngine(page);
    expect(findings.map((f) => f.rule)).toEqual(['cell.placeholder']);
    const item = page.locator('#findings [data-rule="cell.placeholder"]');
    await item.locator('[data-action="acknowledge"]').click();
    await item.locator('[data-role="reason"]').fill('本年未制发规章');
    await item.locator('[data-action="save-acknowledgement"]').click();
    await eventually(async () => expect(await page.locator('#findings [data-rule="cell.placeholder"]').getAttribute('data-acknowledged')).toBe('true'));
    expect(await shownCounts(page)).toEqual({ errors: '0', warnings: '0' });
    expect(await page.locator('[data-errors]').getAttribute('data-acknowledged')).toBe('1');
    const kept = JSON.parse((await page.evaluate(() => localStorage.getItem('nianbao.preview.acknowledgements'))) ?? '[]');
    expect(kept).toEqual([expect.objectContaining({ sheet: TITLE, reason: '本年未制发规章' })]);
    await typeCell(page, 'T2.R1.C1', String(REAL.cells['T2.R1.C1']));
    expect(await expectPaneToAgreeWithEngine(page, REAL)).toEqual([]);
  });

  test('at 1280×800 the page is clean: nothing overflows the pane, the sheet scrolls in its own area', async () => {
    await page.locator('.nb-sheet-area').evaluate((el) => el.scrollTo(0, 0));
    await page.locator('.nb-pane').evaluate((el) => el.scrollTo(0, 0));
    await page.screenshot({ path: artifact('preview-1280x800.png') });
    await page.locator('.nb-pane').screenshot({ path: artifact('preview-pane-320.png') });
    const pane = await page.locator('.nb-pane').evaluate((el) => ({ width: el.getBoundingClientRect().width, scroll: el.scrollWidth, client: el.clientWidth }));
    expect(pane.width).toBe(320);
    expect(pane.scroll).toBeLessThanOrEqual(pane.client);
    expect(await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight])).toEqual([1280, 800]);
  });

  test('another year on a new sheet: the year and body fields, the tabs, no overwriting', async () => {
    await unfold(page, 'insert-section');
    await page.locator('#year').fill(String(YEAR - 1));
    await page.locator('[data-action="insert-template"]').click();
    await eventually(async () => expect(await page.locator('.nb-tab').allTextContents()).toEqual(['Sheet1', TITLE, sheetTitle(YEAR - 1)]));
    expect(await page.locator('.nb-tab[aria-selected="true"]').textContent()).toBe(sheetTitle(YEAR - 1));
    expect(await page.locator('.nb-sheet:not([hidden]) td[data-title]').textContent()).toBe(`${ORG}${YEAR - 1}年政府信息公开工作年度报告`);
    // The same year again is not inserted over the first.
    await unfold(page, 'insert-section');
    await page.locator('[data-action="insert-template"]').click();
    await eventually(async () => expect(await page.locator('#notice').textContent()).toContain(sheetTitle(YEAR - 1)));
    expect(await page.locator('.nb-tab').count()).toBe(3);
    // Back to this year's sheet: its values are all still there.
    await page.locator('.nb-tab', { hasText: TITLE }).click();
    expect((await reportOnPage(page)).cells).toEqual(REAL.cells);
  });

  test('last year’s sheet in the same workbook is checked against: exactly the engine’s cross-year findings', async () => {
    const last = sheetTitle(YEAR - 1);
    // The pane takes the sheet of the year before as last year's report.
    await eventually(async () => expect(await page.locator('#prior').inputValue()).toBe(`sheet:${last}`));
    let findings = await expectPaneToAgreeWithEngine(page, REAL, last);
    expect(findings.filter((f) => f.rule === 'prior.carryOver').length).toBeGreaterThan(0);
    // Last year's 结转下年度 typed into last year's sheet: this year's 上年结转 now agrees with it.
    await page.locator('.nb-tab', { hasText: last }).click();
    await typeReport(page, Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`T3.R25.C${i + 1}`, REAL.cells[`T3.R2.C${i + 1}`]])));
    await page.locator('.nb-tab', { hasText: TITLE }).click();
    findings = await expectPaneToAgreeWithEngine(page, REAL, last);
    expect(findings.filter((f) => f.rule === 'prior.carryOver')).toEqual([]);
  });
});

describe('a narrow window (the page at 320 px)', () => {
  test('stacks the pane above the workbook without sideways scrolling', async () => {
    const { page, guard, context } = await openPage(preview.browser, preview.server.origin, { width: 320, height: 800 });
    try {
      await page.goto(`${preview.server.origin}/`);
      await waitForPreview(page);
      await page.locator('#org').fill('木厂镇');
      await page.locator('#year').fill('2024');
      await page.locator('[data-action="insert-template"]').click();
      await cellInput(page, 'T3.R1.C1').waitFor();
      await page.screenshot({ path: artifact('preview-narrow-320.png'), fullPage: true });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(320);
      const pane = await page.locator('.nb-pane').boundingBox();
      const workbook = await page.locator('.nb-workbook').boundingBox();
      expect(pane!.width).toBe(320);
      expect(workbook!.y).toBeGreaterThanOrEqual(pane!.y + pane!.height);
      expect(problems(guard)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('导入本年数据 in the preview', () => {
  test('a .json into a partly filled template, 只填空白格: what was typed stays, the blanks are filled and checked', async () => {
    const { page, guard, context } = await openPage(preview.browser, preview.server.origin);
    try {
      await page.goto(`${preview.server.origin}/`);
      await waitForPreview(page);
      await page.locator('#org').fill(ORG);
      await page.locator('#year').fill(String(YEAR));
      await page.locator('[data-action="insert-template"]').click();
      await cellInput(page, 'T3.R1.C1').waitFor();
      // The user has typed three cells, each unlike the report being revised.
      const typed: Record<string, CellValue> = { 'T3.R1.C1': (REAL.cells['T3.R1.C1'] as number) + 1, 'T3.R1.C7': (REAL.cells['T3.R1.C7'] as number) + 1, 'T2.R1.C1': '/' };
      await typeReport(page, typed);
      await expectPaneToAgreeWithEngine(page);
      const incoming: Report = { ...REAL, cells: { ...REAL.cells, 'T2.R2.C1': '22（其中修订16件）' } };

      // From the keyboard: the button opens the file chooser; the file goes into the pane's input.
      const chooser = page.waitForEvent('filechooser');
      await unfold(page, 'import-section');
      await page.locator('[data-action="import-current"]').focus();
      await page.keyboard.press('Enter');
      await chooser;
      await page.locator('#import-file').setInputFiles({ name: '本年年报（修订）.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(incoming)) });

      const panel = page.locator('#import-panel');
      await panel.locator('[data-action="import-blanks-only"]').waitFor();
      expect(await panel.getAttribute('data-state')).toBe('ask');
      expect((await panel.locator('li.change').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.cell))).sort()).toEqual(Object.keys(typed).sort());
      expect(await panel.locator('[data-action]').allTextContents()).toEqual(['全部替换', '只填空白格', '取消']);
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-action'))).toBe('import-blanks-only');
      // Nothing has changed before the answer.
      expect(await cellInput(page, 'T3.R2.C1').inputValue()).toBe('');
      await page.locator('.nb-pane').screenshot({ path: artifact('preview-import-confirm.png') });

      await panel.locator('[data-action="import-blanks-only"]').click();
      await eventually(async () => expect(await panel.getAttribute('data-state')).toBe('done'));
      const expected: Report = { ...incoming, cells: { ...incoming.cells, ...typed } };
      await expectPaneToAgreeWithEngine(page, expected);
      expect(await cellInput(page, 'T2.R2.C1').inputValue()).toBe('22（其中修订16件）');
      expect(await panel.textContent()).toBe(`已从“本年年报（修订）.json”导入：填入 ${CELL_IDS.length - 3} 个空白格。3 个已填写的格保持原值。`);
      expect(problems(guard)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
