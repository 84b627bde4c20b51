/** The values staff paste where numbers belong, and the cell rule each must raise — shared by every entry point's robustness test. */
export const BAD_VALUES: [label: string, value: string | number, rule: string][] = [
  ['text', '二十', 'cell.notNumber'],
  ['full-width digits', '１２', 'cell.normalized'],
  ['negative', -3, 'cell.negative'],
  ['decimal count', 2.5, 'cell.fraction'],
  ['1e308', 1e308, 'cell.tooLarge'],
  ['2^53 + 1', 9007199254740993, 'cell.tooLarge'],
  ['NaN as typed', 'NaN', 'cell.notNumber'],
  ['Infinity as typed', 'Infinity', 'cell.notNumber'],
  ['#REF!', '#REF!', 'cell.excelError'],
  ['#DIV/0!', '#DIV/0!', 'cell.excelError'],
  ['#N/A', '#N/A', 'cell.excelError'],
  ['markup', '<img src=x onerror=alert(1)>', 'cell.notNumber'],
];
