import { ACK_NAMESPACE, MAX_REASON, acknowledgementsXml, parseAcknowledgementsXml } from '../../src/excel/acknowledgements';

const ack = { sheet: '2024年 “年报”', fingerprint: 'prior.inForce|T2.row1|5:7', reason: '<b>废止</b> & "旧" \'文件\'', at: '2025-01-10T08:00:00.000Z' };

test('round trip, whatever the text holds', () => {
  const xml = acknowledgementsXml([ack]);
  expect(xml).toContain(`xmlns="${ACK_NAMESPACE}"`);
  expect(xml).not.toContain('<b>');
  expect(parseAcknowledgementsXml(xml)).toEqual([ack]);
});

test('characters XML cannot carry are dropped; reasons are bounded', () => {
  const xml = acknowledgementsXml([{ ...ack, reason: `a\u0001b${'长'.repeat(MAX_REASON + 10)}` }]);
  const [back] = parseAcknowledgementsXml(xml);
  expect(back.reason.startsWith('ab')).toBe(true);
  expect(back.reason.length).toBe(MAX_REASON);
});

test('a tampered part: entries without sheet, fingerprint or reason are dropped; entities decoded, nothing else trusted', () => {
  const xml = `<acknowledgements xmlns="${ACK_NAMESPACE}">
    <ack sheet="S" fingerprint="f1" at="t">理由&#x41;&#66;&lt;</ack>
    <ack sheet="S" fingerprint="f2"/>
    <ack fingerprint="f3">无表</ack>
    <ack sheet='S' fingerprint='f4'>单引号</ack>
    <other>…</other>
  </acknowledgements>`;
  expect(parseAcknowledgementsXml(xml)).toEqual([
    { sheet: 'S', fingerprint: 'f1', reason: '理由AB<', at: 't' },
    { sheet: 'S', fingerprint: 'f4', reason: '单引号', at: '' },
  ]);
  expect(parseAcknowledgementsXml('not xml at all')).toEqual([]);
});
