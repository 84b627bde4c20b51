/// <reference types="et-jsapi-declare" />
/**
 * The ET constants this add-in uses, as numbers. The `Et.Xl*` enums exist only in the typings
 * (et-jsapi-declare declares them ambient): WPS defines no `Et` object at run time, so
 * `Et.XlDVType.xlValidateWholeNumber` would throw there. Each constant is typed as the enum member
 * it stands for, so a wrong number does not compile.
 */

export const xlValidateWholeNumber: Et.XlDVType.xlValidateWholeNumber = 1;
export const xlValidateDecimal: Et.XlDVType.xlValidateDecimal = 2;
export const xlValidateList: Et.XlDVType.xlValidateList = 3;
export const xlValidateDate: Et.XlDVType.xlValidateDate = 4;
export const xlValidAlertStop: Et.XlDVAlertStyle.xlValidAlertStop = 1;
export const xlBetween: Et.XlFormatConditionOperator.xlBetween = 1;
export const xlGreaterEqual: Et.XlFormatConditionOperator.xlGreaterEqual = 7;
export const xlExpression: Et.XlFormatConditionType.xlExpression = 2;

export const xlEdgeLeft: Et.XlBordersIndex.xlEdgeLeft = 7;
export const xlEdgeTop: Et.XlBordersIndex.xlEdgeTop = 8;
export const xlEdgeBottom: Et.XlBordersIndex.xlEdgeBottom = 9;
export const xlEdgeRight: Et.XlBordersIndex.xlEdgeRight = 10;
export const xlInsideVertical: Et.XlBordersIndex.xlInsideVertical = 11;
export const xlInsideHorizontal: Et.XlBordersIndex.xlInsideHorizontal = 12;
export const xlContinuous: Et.XlLineStyle.xlContinuous = 1;
export const xlThin: Kso.XlBorderWeight.xlThin = 2;

export const xlHAlignLeft: Kso.XlHAlign.xlHAlignLeft = -4131;
export const xlHAlignCenter: Kso.XlHAlign.xlHAlignCenter = -4108;
export const xlHAlignRight: Kso.XlHAlign.xlHAlignRight = -4152;
export const xlVAlignCenter: Kso.XlVAlign.xlVAlignCenter = -4108;

export const xlSheetVisible: Et.XlSheetVisibility.xlSheetVisible = -1;
export const xlSheetVeryHidden: Et.XlSheetVisibility.xlSheetVeryHidden = 2;

export const xlLandscape: Et.XlPageOrientation.xlLandscape = 2;
export const xlPortrait: Et.XlPageOrientation.xlPortrait = 1;
export const xlPaperA4: Et.XlPaperSize.xlPaperA4 = 9;

/** ET colours are BGR integers (VBA's RGB()): "#FDE2E2" is 0xE2E2FD. */
export function bgr(hex: string): number {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`not a colour: ${hex}`);
  return parseInt(m[1], 16) + parseInt(m[2], 16) * 256 + parseInt(m[3], 16) * 65536;
}
