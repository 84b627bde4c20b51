/**
 * The register's rules, as rows of data like the report's (src/core/rules.ts lists them among
 * RULES, so every renderer, list and document treats them alike). The id is the message key and
 * the test name; a message never quotes a personal column (申请人, 申请内容).
 *
 * Slots: {row} worksheet row, {column} the header as the register names it, {quoted} a value
 * judged safe to show (or a word saying what is there), dates as 2025年3月4日.
 */
import type { ReportRule } from '../core/rules';

const ORDINANCE = '《中华人民共和国政府信息公开条例》（2019年修订）';
const FORMAT = '国办公开办函〔2021〕30号《中华人民共和国政府信息公开工作年度报告格式》表三';
const NOT_COUNTED = '本行未计入表三';
const NOT_TIMED = '本行未核对答复期限';

const rule = (id: string, severity: ReportRule['severity'], title: string, message: string, source: string): ReportRule => ({ id, kind: 'report', severity, title, message, source });

export const LEDGER_RULES: readonly ReportRule[] = [
  rule('ledger.noHeader', 'error', '台账表头', '未找到依申请公开台账的表头：前{rows}行中没有一行能认出“收到日期”“申请人类型”“答复日期”“办理结果”等列名，表三无法从台账生成', `${FORMAT}按申请逐件统计，台账须有收到日期、申请人类型、答复日期、办理结果`),
  rule('ledger.missingColumn', 'error', '台账缺列', '台账表头（第{headerRow}行）中没有“{label}”列（也没有{synonyms}等同义列名），表三无法从台账生成', `${FORMAT}按收到日期、申请人类型、答复日期、办理结果逐件统计`),
  rule('ledger.duplicateColumn', 'warning', '台账重复列', '台账表头（第{headerRow}行）中“{label}”出现在{columns}多列，按{used}列读取', '台账每一栏目应只有一列'),
  rule('ledger.date', 'error', '台账日期无法识别', '第{row}行“{column}”：{quoted}不是可识别的日期（应为日期格式，或写作2025-03-04、2025/3/4、2025.3.4、2025年3月4日），' + NOT_COUNTED, `${FORMAT}按收到日期和答复日期计入年度`),
  rule('ledger.deadlineDate', 'warning', '期限日期无法识别', '第{row}行“{column}”：{quoted}不是可识别的日期（应为日期格式，或写作2025-03-04、2025/3/4、2025.3.4、2025年3月4日），' + NOT_TIMED, `${ORDINANCE}第三十条（补正）、第三十二条（征求意见）`),
  rule('ledger.noReceipt', 'error', '台账缺收到日期', '第{row}行没有填写“{column}”，无法判断属于哪一年度，' + NOT_COUNTED, `${FORMAT}“一、本年新收”“二、上年结转”按收到日期划分`),
  rule('ledger.answerBeforeReceipt', 'error', '答复早于收到', '第{row}行答复日期{answered}早于收到日期{received}，' + NOT_COUNTED, `${ORDINANCE}第三十三条：自收到申请之日起计算答复期限`),
  rule('ledger.resultWithoutDate', 'error', '有结果无答复日期', '第{row}行填写了办理结果，但没有答复日期，' + NOT_COUNTED + '（已办结的请补填答复日期，尚未办结的请清空办理结果）', `${FORMAT}“三、本年度办理结果”按答复日期计入年度`),
  rule('ledger.dateWithoutResult', 'error', '有答复日期无结果', '第{row}行填写了答复日期{answered}，但没有办理结果，' + NOT_COUNTED, `${FORMAT}“三、本年度办理结果”按类别统计`),
  rule('ledger.category', 'error', '办理结果无法识别', '第{row}行“{column}”：{quoted}不是表三的办理结果类别，' + NOT_COUNTED + '；应为表三（一）至（六）中的一项，如“予以公开”“不予公开-属于国家秘密”', `${FORMAT}“三、本年度办理结果”（一）至（六）`),
  rule('ledger.categoryVague', 'error', '办理结果未写明情形', '第{row}行办理结果“{parent}”没有写明具体情形，' + NOT_COUNTED + '；表三将“{parent}”分为{count}种情形分别统计，如“{example}”', `${FORMAT}“三、本年度办理结果”{parentLabel}`),
  rule('ledger.applicantType', 'error', '申请人类型无法识别', '第{row}行“{column}”：{quoted}不是表三的申请人类型，' + NOT_COUNTED + '；应为自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他之一', `${FORMAT}“申请人情况”各列`),
  rule('ledger.yesNo', 'warning', '是否栏无法识别', '第{row}行“{column}”：{quoted}无法识别为“是”或“否”，' + NOT_TIMED, `${ORDINANCE}第三十条（补正）、第三十二条（征求意见）、第三十三条（延期）`),
  rule('ledger.correctionDate', 'warning', '缺收到补正日期', '第{row}行登记了需要补正，但没有“收到补正日期”，' + NOT_TIMED + '（答复期限自收到补正之日起计算）', `${ORDINANCE}第三十条：答复期限自行政机关收到补正的申请之日起计算`),
  rule('ledger.correctionBeforeReceipt', 'warning', '补正早于收到', '第{row}行收到补正日期{corrected}早于收到日期{received}，' + NOT_TIMED, `${ORDINANCE}第三十条`),
  rule('ledger.consultDates', 'warning', '征求意见日期不全', '第{row}行登记了征求意见，但征求意见的开始或结束日期不全，' + NOT_TIMED + '（征求意见所需时间不计算在答复期限内）', `${ORDINANCE}第三十二条、第三十三条第三款：征求第三方和其他机关意见所需时间不计算在期限内`),
  rule('ledger.consultOrder', 'warning', '征求意见日期颠倒', '第{row}行征求意见结束日期{end}早于开始日期{start}，' + NOT_TIMED, `${ORDINANCE}第三十二条`),
  rule('ledger.calendar', 'warning', '节假日安排未收录', '{year}年的法定节假日和调休安排尚未收录，{count}件申请的答复期限未核对（不按周一至周五推算，以免误报）', '国务院办公厅每年发布的《关于部分节假日安排的通知》'),
  rule('ledger.late', 'warning', '逾期答复', '第{row}行逾期答复：{basis}，答复期限{limit}个工作日，最迟应于{deadline}答复，实际{answered}答复，计{taken}个工作日{note}', `${ORDINANCE}第三十三条：应当自收到申请之日起20个工作日内予以答复；需要延长答复期限的，……延长的期限最长不得超过20个工作日`),
  rule('ledger.openLate', 'warning', '逾期未答复', '第{row}行至{yearEnd}仍未答复，已超过答复期限：{basis}，答复期限{limit}个工作日，最迟应于{deadline}答复{note}', `${ORDINANCE}第三十三条`),
  rule('ledger.incomplete', 'warning', '台账未能完整统计', '台账（{file}，工作表“{sheet}”）有{rows}行未能计入{year}年度表三，与台账的比对可能不准；用 nianbao ledger 可逐行查看', `${FORMAT}应与依申请公开登记台账一致`),
  rule('ledger.mismatch', 'error', '表三与台账不一致', '{cell}：年报填写{reported}，台账统计为{ledger}', `${FORMAT}应与依申请公开登记台账一致`),
];

export const LEDGER_RULE_IDS: readonly string[] = LEDGER_RULES.map((r) => r.id);
