/** Telling one body under two names from two bodies. */
import { bodyTails, sameBody } from '../../src/core/body';

describe('sameBody', () => {
  test.each([
    ['淮安市洪泽区人民政府', '洪泽区人民政府'],
    ['江苏省淮安市人民政府', '淮安市人民政府'],
    ['江苏省淮安市洪泽区人民政府', '洪泽区人民政府'],
    ['江苏省淮安市洪泽区人民政府', '淮安市洪泽区人民政府'],
    ['新疆维吾尔自治区昌吉回族自治州昌吉市教育局', '昌吉市教育局'],
    ['某县 (区) 财政局', '某县（区）财政局'],
  ])('%s is %s', (a, b) => {
    expect(sameBody(a, b)).toBe(true);
    expect(sameBody(b, a)).toBe(true);
  });

  test.each([
    ['洪泽区人民政府', '淮安区人民政府'],
    ['淮安市教育局', '淮安市财政局'],
    ['南京市鼓楼区人民政府', '福州市鼓楼区人民政府'],
    // A department named without its place is not told apart from any other: never the same as a named one.
    ['淮安市教育局', '教育局'],
    ['洪泽区人民政府', '人民政府'],
    ['', ''],
  ])('%s is not %s', (a, b) => {
    expect(sameBody(a, b)).toBe(false);
    expect(sameBody(b, a)).toBe(false);
  });

  test('the shorter names a body goes by keep a place in front; districts and counties are never dropped', () => {
    expect(bodyTails('江苏省淮安市洪泽区人民政府')).toEqual(['江苏省淮安市洪泽区人民政府', '淮安市洪泽区人民政府', '洪泽区人民政府']);
    expect(bodyTails('洪泽区高良涧街道办事处')).toEqual(['洪泽区高良涧街道办事处']);
  });
});
