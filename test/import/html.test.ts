/** Web pages as government sites publish reports. */
import { importReport, parseHtml } from '../../src/import';
import { encodeGbk, htmlPage, htmlTable, officialRows, reportBlocks } from '../helpers/documents';
import { consistentReport, fixture } from '../helpers/reports';

async function importHtml(html: string | Buffer, name = '年报.html') {
  const r = await importReport(typeof html === 'string' ? Buffer.from(html, 'utf8') : html, name);
  if (!r.ok) throw new Error(r.error);
  return r;
}

describe('a report published as a web page', () => {
  const county = fixture('shuyang-county-2025.json');

  test('tables inside divs, rowspan/colspan, <p><span> in cells: every cell read exactly', async () => {
    const html = htmlPage(reportBlocks(county), '沭阳县人民政府2025年政府信息公开工作年度报告_沭阳县人民政府');
    expect(html).toMatch(/rowspan="22"/);
    expect(html).toMatch(/colspan=5/);
    const r = await importHtml(html);
    expect(r.format).toBe('html');
    expect(r.report).toEqual(county);
    expect(r.findings).toEqual([]);
  });

  test('scripts, styles, navigation and the footer are not part of the report', async () => {
    const r = await importHtml(htmlPage(reportBlocks(county)));
    const text = r.prose!.paragraphs.join('\n');
    expect(text).not.toContain('document.write');
    expect(text).not.toContain('font-size');
    expect(r.report.cells['T2.R1.C1']).toBe(0); // the script's "规章 99" never counted
  });

  test('labels split with <br>, &nbsp; padding, &nbsp;-only cells left blank', async () => {
    const base = consistentReport(7, '某县人民政府办公室', 2024);
    const t3 = officialRows('T3', base, { label: (s) => s.replace('法律服务机构', '法律服\n务机构').replace('（二）部分公开', '（二）部分\n公开'), value: (v, id) => (id === 'T3.R3.C3' ? '' : `\u00a0${v}\u00a0`) });
    const r = await importHtml(htmlPage(reportBlocks(base, { tables: { T3: [t3] } })));
    expect(r.report.cells).toEqual({ ...base.cells, 'T3.R3.C3': null });
    expect(r.findings).toEqual([]);
  });

  test('Word "save as web page" markup: upper case, unquoted attributes, conditional comments, <o:p>', async () => {
    const base = consistentReport(8, '某镇人民政府', 2024);
    const word = htmlPage(reportBlocks(base))
      .replace(/<td( rowspan="(\d+)")?( colspan=(\d+))? style="[^"]*" valign="center">/g, (_, _a, rs, _b, cs) => `<TD${rs ? ` ROWSPAN=${rs}` : ''}${cs ? ` COLSPAN=${cs}` : ''} WIDTH=64 style='border:solid windowtext 1.0pt;mso-border-alt:solid windowtext .5pt'>`)
      .replace(/<\/td>/g, '</TD>')
      .replace(/<\/span><\/p>/g, '<o:p></o:p></span></p>')
      .replace('<body>', '<body lang=ZH-CN><!--[if gte mso 9]><xml><w:WordDocument><w:View>Print</w:View></w:WordDocument></xml><![endif]-->');
    const r = await importHtml(word);
    expect(r.report).toEqual(base);
  });

  test('end tags left out, as HTML allows: <tr><td>… with no </td> or </tr>', async () => {
    const base = consistentReport(9, '某县水利局', 2024);
    const sloppy = htmlPage(reportBlocks(base)).replace(/<\/td>|<\/tr>|<\/p>|<\/tbody>/g, '');
    const r = await importHtml(sloppy);
    expect(r.report).toEqual(base);
  });

  test('a page laid out with tables: the report inside a layout table cell', async () => {
    const base = consistentReport(10, '某县农业农村局', 2024);
    const inner = htmlPage(reportBlocks(base)).replace(/<div class="content" id="zoom">([\s\S]*)<\/div><\/div><\/div>/, (_, body) => `<table width="100%"><tr><td class="nav">当前位置：首页</td></tr><tr><td class="x">${body}</td></tr></table></div></div>`);
    const r = await importHtml(inner);
    expect(r.report).toEqual(base);
    expect(r.prose!.parts['六']).toContain('本年度未收取信息处理费。');
  });

  test('a GBK page that declares gb2312, and one that declares nothing', async () => {
    const base = consistentReport(11, '某县卫生健康委员会', 2024);
    const html = htmlPage(reportBlocks(base)).replace(/\u00a0/g, ' ');
    for (const page of [html.replace('charset=utf-8', 'charset=gb2312'), html.replace('charset=utf-8', '')]) {
      const r = await importHtml(encodeGbk(page), 'report.htm');
      expect(r.report).toEqual(base);
    }
  });

  test('a UTF-8 page that wrongly declares gb2312 is still read as UTF-8', async () => {
    const base = consistentReport(12, '某县医疗保障局', 2024);
    const r = await importHtml(htmlPage(reportBlocks(base)).replace('charset=utf-8', 'charset=gb2312'));
    expect(r.report).toEqual(base);
  });

  test('entities: numeric, named and a stray ampersand', () => {
    const doc = parseHtml('<p>A&#x4e00;&#20108;&ldquo;三&rdquo;&amp;&nbsp;R&D &unknown;</p><table><tr><td>&#65288;一&#65289;予以公开</td></tr></table>');
    expect(doc.blocks[0]).toEqual({ kind: 'para', text: 'A一二“三”&\u00a0R&D &unknown;' });
    const t = doc.blocks[1];
    expect(t.kind === 'table' && t.table.rows[0][0].text).toBe('（一）予以公开');
  });

  test('a page with no report tables says which are missing', async () => {
    const r = await importHtml('<html><body><p>关于做好年度报告工作的通知</p></body></html>');
    expect(r.findings.filter((f) => f.rule === 'layout.missing').map((f) => f.table)).toEqual(['T2', 'T3', 'T4']);
    expect(r.unreadable).toEqual(['T2', 'T3', 'T4']);
  });
});
