/// <reference types="office-js" />
/**
 * The ribbon's 插入年报模板 button: inserts the template in one click, without opening the pane.
 * Only when there is something to decide (this year's template already exists) or to report
 * (a failure) does it open the pane, which shows the notice.
 */
import { disableTrustUX } from '../excel/office';
import { insertTemplate } from '../excel/template';
import { announce, currentChoice, describeError } from '../taskpane/session';
import { INSERT_ACTION, INSERT_LEDGER_ACTION } from './actions';

export async function insertFromRibbon(event: Office.AddinCommands.Event): Promise<void> {
  try {
    const { org, year } = currentChoice();
    const result = await Excel.run((context) => insertTemplate(context, { org, year }));
    if (result.status === 'exists') {
      announce({ kind: 'exists', sheet: result.sheet, org, year });
      await Office.addin.showAsTaskpane();
    } else {
      announce({ kind: 'inserted', sheet: result.sheet });
      // Colleagues without the add-in get no trust prompt; the startup behaviour is the user's choice in the pane.
      await disableTrustUX().catch(() => undefined);
    }
  } catch (e) {
    announce({ kind: 'error', message: `插入年报模板失败：${describeError(e)}` });
    await Office.addin.showAsTaskpane().catch(() => undefined);
  } finally {
    event.completed();
  }
}

/**
 * The ribbon's 插入台账 button: inserts the standard register (and its 台账汇总) in one click and
 * opens the pane on it, where its 表三 and findings show. The register code loads on first use.
 */
export async function insertLedgerFromRibbon(event: Office.AddinCommands.Event): Promise<void> {
  try {
    const { org, year } = currentChoice();
    const { insertLedger } = await import(/* webpackChunkName: "ledger-host" */ '../excel/ledger');
    const result = await Excel.run((context) => insertLedger(context, { org, year }));
    announce({ kind: 'ledger', sheet: result.sheet });
    await Office.addin.showAsTaskpane().catch(() => undefined);
  } catch (e) {
    announce({ kind: 'error', message: `插入台账失败：${describeError(e)}` });
    await Office.addin.showAsTaskpane().catch(() => undefined);
  } finally {
    event.completed();
  }
}

// With a shared runtime the button's ExecuteFunction is bound here, not through a FunctionFile global.
Office.actions.associate(INSERT_ACTION, insertFromRibbon);
Office.actions.associate(INSERT_LEDGER_ACTION, insertLedgerFromRibbon);
