/**
 * The register (台账) in a real browser, through the preview: a person inserts the template and
 * the standard register from the pane, types two applications into the register, sees the
 * register's 表三 in the pane, fills 表三 from it, and a click on a register finding selects the
 * row in the register. Debian's Chromium, nothing downloaded.
 */
import { LEDGER_COLUMNS } from '../../src/ledger/columns';
import { ledgerPlan } from '../../src/ledger/sheet';
import { Guard, openPage, previewInChromium, problems, typeRegister } from './harness';

jest.setTimeout(240_000);

const preview = previewInChromium();

const FIRST = ledgerPlan().firstRow; // 0-based row of the first application

test('insert the register, type two applications, see 表三, fill it, and a finding selects its row', async () => {
  const { page, guard, context } = await openPage(preview.browser, preview.server.origin);
  try {
    await page.goto(`${preview.server.origin}/`);
    await page.locator('body[data-ready]').waitFor({ state: 'attached' });
    await typeRegister(page, '2024', [
      ['2024-03-04', '自然人', '2024-03-20', '予以公开'],
      ['2024-05-06', '商业企业', '2024-04-01', '予以公开'],
    ]);

    await page.locator('#ledger-t3 td[data-cell="T3.R1.C1"][data-ledger="1"]').waitFor();
    expect(await page.locator('#ledger-t3 td[data-cell="T3.R3.C1"]').getAttribute('data-ledger')).toBe('1');
    expect(await page.locator('#ledger-t3 td[data-cell="T3.R1.C1"]').getAttribute('class')).toContain('diff');
    expect(await page.locator('#ledger-status').textContent()).toContain('2024年答复 1 件');

    // The template's 表三 is blank: filling writes only blanks, without a question.
    await page.locator('[data-action="fill-from-ledger"]').click();
    await page.locator('#ledger-panel[data-state="done"]').waitFor();
    const typed = await page.locator('.nb-template input[data-cell="T3.R1.C1"]').inputValue();
    expect(typed).toBe('1');
    expect(await page.locator('#ledger-t3 table').getAttribute('data-differences')).toBe('0');

    // The register's finding, in the findings list; a click selects its row in the register.
    const finding = page.locator('#ledger-findings li[data-rule="ledger.answerBeforeReceipt"]');
    expect(await finding.getAttribute('data-row')).toBe(String(FIRST + 2));
    await finding.locator('.where').click();
    await page.locator(`.nb-register td.nb-active-cell input[data-r="${FIRST + 1}"]`).waitFor();
    expect(await page.locator('.nb-register td.nb-selected').count()).toBe(LEDGER_COLUMNS.length);
    expect(problems(guard as Guard)).toEqual([]);
  } finally {
    await context.close();
  }
});
