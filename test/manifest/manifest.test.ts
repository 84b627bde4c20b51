import fs from 'fs';
import path from 'path';
import { INSERT_ACTION, INSERT_LEDGER_ACTION } from '../../src/commands/actions';
import { checkManifest, find, parseManifest } from './check-manifest';

const ROOT = path.join(__dirname, '../..');
const XML = fs.readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8');
const root = parseManifest(XML);

const resource = (id: string) => {
  for (const list of ['bt:Images', 'bt:Urls', 'bt:ShortStrings', 'bt:LongStrings']) {
    const r = find(root, list).flatMap((l) => l.children).find((x) => x.attrs.id === id);
    if (r) return { value: r.attrs.DefaultValue, zh: r.children.find((o) => o.attrs.Locale === 'zh-CN')?.attrs.Value };
  }
  throw new Error(`no resource ${id}`);
};

function pngSize(file: string): [number, number] {
  const b = fs.readFileSync(file);
  expect(b.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  return [b.readUInt32BE(16), b.readUInt32BE(20)];
}

describe('manifest.xml, checked offline', () => {
  test('passes the structural check: schema order, resids, https, lengths, shared runtime', () => {
    expect(checkManifest(XML)).toEqual([]);
  });

  test('custom functions under NIANBAO, metadata in Chinese for zh-CN', () => {
    const ns = find(root, 'Namespace')[0].attrs.resid;
    expect(resource(ns).value).toBe('NIANBAO');
    const meta = find(root, 'Metadata')[0].children[0].attrs.resid;
    expect(resource(meta)).toEqual({ value: 'https://localhost:3000/functions.json', zh: 'https://localhost:3000/functions-zh-cn.json' });
  });

  test('a group on the Home tab: 插入年报模板 runs the command, 年报校验 opens the pane', () => {
    const tab = find(root, 'OfficeTab')[0];
    expect(tab.attrs.id).toBe('TabHome');
    const controls = find(tab, 'Control');
    const label = (c: (typeof controls)[number]) => resource(c.children.find((x) => x.tag === 'Label')!.attrs.resid).zh;
    expect(controls.map(label)).toEqual(['插入年报模板', '年报校验', '插入台账']);
    const [insert, pane, ledger] = controls.map((c) => c.children.find((x) => x.tag === 'Action')!);
    expect(ledger.attrs['xsi:type']).toBe('ExecuteFunction');
    expect(ledger.children.find((x) => x.tag === 'FunctionName')?.text).toBe(INSERT_LEDGER_ACTION);
    expect(insert.attrs['xsi:type']).toBe('ExecuteFunction');
    expect(insert.children.find((x) => x.tag === 'FunctionName')?.text).toBe(INSERT_ACTION);
    expect(pane.attrs['xsi:type']).toBe('ShowTaskpane');
    expect(resource(find(tab, 'Group')[0].children.find((x) => x.tag === 'Label')!.attrs.resid).zh).toBe('政府信息公开年报');
  });

  test('Chinese display strings with English fallbacks', () => {
    expect(find(root, 'DefaultLocale')[0].text).toBe('en-US');
    for (const tag of ['DisplayName', 'Description']) {
      const e = root.children.find((c) => c.tag === tag)!;
      expect(e.attrs.DefaultValue).toMatch(/^[\x20-\x7e]+$/);
      expect(e.children.find((o) => o.attrs.Locale === 'zh-CN')?.attrs.Value).toMatch(/[\u4e00-\u9fff]/);
    }
    for (const list of ['bt:ShortStrings', 'bt:LongStrings']) {
      for (const s of find(root, list).flatMap((l) => l.children)) {
        if (s.attrs.id === 'Functions.Namespace') continue;
        expect([s.attrs.id, s.attrs.DefaultValue]).toEqual([s.attrs.id, expect.stringMatching(/^[\x20-\x7e]+$/)]);
        expect([s.attrs.id, s.children.find((o) => o.attrs.Locale === 'zh-CN')?.attrs.Value]).toEqual([s.attrs.id, expect.stringMatching(/[\u4e00-\u9fff]/)]);
      }
    }
  });

  test('every icon the manifest asks for exists at its size', () => {
    const icons = [...find(root, 'bt:Image').filter((i) => i.attrs.size), ...find(root, 'bt:Images')[0].children];
    for (const i of find(root, 'bt:Image').filter((x) => x.attrs.size)) {
      const url = resource(i.attrs.resid).value!;
      expect(url).toMatch(new RegExp(`/assets/icon-${i.attrs.size}\\.png$`));
    }
    const asked = new Set<string>();
    for (const url of [...icons.map((i) => i.attrs.DefaultValue ?? resource(i.attrs.resid).value!), root.children.find((c) => c.tag === 'IconUrl')!.attrs.DefaultValue, root.children.find((c) => c.tag === 'HighResolutionIconUrl')!.attrs.DefaultValue]) {
      asked.add(url.replace('https://localhost:3000/', ''));
    }
    expect([...asked].sort()).toEqual(['assets/icon-16.png', 'assets/icon-32.png', 'assets/icon-64.png', 'assets/icon-80.png']);
    for (const size of [16, 32, 64, 80, 128]) expect(pngSize(path.join(ROOT, `assets/icon-${size}.png`))).toEqual([size, size]);
  });
});

describe('the check catches what breaks a manifest', () => {
  const broken = (from: string, to: string) => {
    expect(XML).toContain(from);
    return checkManifest(XML.replace(from, to));
  };

  test('an element out of order', () => {
    expect(broken('<Version>0.1.0.0</Version>\n  <ProviderName>nianbao</ProviderName>', '<ProviderName>nianbao</ProviderName>\n  <Version>0.1.0.0</Version>')).toEqual([expect.stringMatching(/<Version> is out of order in OfficeApp/)]);
  });

  test('an undefined resid', () => {
    expect(broken('<Label resid="Pane.Label" />', '<Label resid="Pane.Missing" />')).toEqual([expect.stringMatching(/resid Pane.Missing \(on <Label>\) is not defined/)]);
    expect(broken('<Description resid="Pane.Tooltip" />', '<Description resid="Pane.Label" />')).toEqual([
      'resid Pane.Label on <Description> must be in bt:LongStrings, is in bt:ShortStrings',
      'resource Pane.Tooltip is never used',
    ]);
  });

  test('a runtime resid that differs from the page', () => {
    expect(broken('<FunctionFile resid="Taskpane.Url" />', '<FunctionFile resid="GetStarted.LearnMoreUrl" />')).toEqual([expect.stringMatching(/one resid for Runtime/)]);
  });

  test('an http URL, an overlong string, a missing SharedRuntime', () => {
    expect(broken('DefaultValue="https://localhost:3000/functions.js"', 'DefaultValue="http://localhost:3000/functions.js"')).toEqual([expect.stringMatching(/Functions.Script.Url is not https/)]);
    expect(broken('DefaultValue="Check report"', `DefaultValue="${'x'.repeat(126)}"`)).toEqual([expect.stringMatching(/short string Pane.Label is longer than 125/)]);
    expect(broken('<Set Name="SharedRuntime" MinVersion="1.1" />', '')).toEqual([expect.stringMatching(/SharedRuntime/)]);
  });

  test('a missing CustomFunctionsRuntime', () => {
    expect(broken('<Set Name="CustomFunctionsRuntime" MinVersion="1.1" />', '')).toEqual([expect.stringMatching(/CustomFunctionsRuntime/)]);
  });

  test('no TaskpaneId on the pane button', () => {
    expect(broken('<TaskpaneId>ButtonId1</TaskpaneId>', '')).toEqual([expect.stringMatching(/TaskpaneId/)]);
  });
});
