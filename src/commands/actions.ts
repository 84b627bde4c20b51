/** The ribbon's ExecuteFunction name, as manifest.xml names it in <FunctionName>. */
export const INSERT_ACTION = 'insertTemplate';
/** The 插入台账 button's ExecuteFunction name. */
export const INSERT_LEDGER_ACTION = 'insertLedger';
