/** @jest-environment jsdom */
/** The 环境自检 results view: ✓/✗ per item with the error text, textContent only, copy and save. */
import { runProbes, type ProbeResult } from '../../src/selftest/run';
import { SelfTestView, copyText, renderSelfTest } from '../../src/taskpane/selftest-view';

const HOSTILE = '<img src=x onerror="window.__pwned=1">';

const results: ProbeResult[] = [
  { id: 'platform', title: '平台与版本', ok: true, detail: 'PC 16.0' },
  { id: 'write', title: '写入', ok: false, detail: `错误代码 AccessDenied：${HOSTILE}` },
];

function container(): HTMLElement {
  document.body.innerHTML = '<div id="box"></div>';
  return document.getElementById('box')!;
}

afterEach(() => {
  Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true });
  delete (document as { execCommand?: unknown }).execCommand;
});

describe('SelfTestView', () => {
  it('draws ✓ or ✗ per item with the title and the error text, as text only', () => {
    const box = container();
    renderSelfTest(document, box, [['宿主', 'Excel']], results);
    const items = [...box.querySelectorAll('li')];
    expect(items.map((li) => li.getAttribute('data-probe'))).toEqual(['platform', 'write']);
    expect(items[0].textContent).toBe('✓平台与版本PC 16.0');
    expect(items[1].classList.contains('failed')).toBe(true);
    expect(items[1].querySelector('.nb-selftest-mark')!.textContent).toBe('✗');
    expect(items[1].querySelector('.nb-selftest-detail')!.textContent).toBe(`错误代码 AccessDenied：${HOSTILE}`);
    expect(box.querySelector('img')).toBeNull();
    expect(box.querySelector('.nb-selftest-tally')!.textContent).toContain('1 项未通过');
  });

  it('shows progress while probes run and the buttons only once done', async () => {
    const box = container();
    const view = new SelfTestView(document, box);
    view.begin(2);
    expect(box.textContent).toContain('正在自检（共 2 项）');
    expect(box.getAttribute('aria-busy')).toBe('true');
    const actions = box.querySelector<HTMLElement>('.nb-selftest-actions')!;
    expect(actions.hidden).toBe(true);
    const out = await runProbes(
      [
        { id: 'a', title: '甲', run: async () => '好' },
        { id: 'b', title: '乙', run: async () => Promise.reject(new Error('坏')) },
      ],
      (r) => {
        view.result(r);
      },
    );
    expect(box.querySelectorAll('li')).toHaveLength(2);
    const report = view.done([], out);
    expect(actions.hidden).toBe(false);
    expect(box.hasAttribute('aria-busy')).toBe(false);
    expect(report).toContain('✓ 甲 — 好');
    expect(report).toContain('✗ 乙 — 坏');
    expect(view.text()).toBe(report);
    // No save button without a save callback.
    expect(box.querySelector('[data-selftest="save"]')).toBeNull();
  });

  it('复制报告 uses the clipboard where allowed', async () => {
    const box = container();
    const writeText = jest.fn(async () => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const view = renderSelfTest(document, box, [['宿主', '预览']], results);
    box.querySelector<HTMLButtonElement>('[data-selftest="copy"]')!.click();
    await new Promise((r) => setTimeout(r, 0));
    expect(writeText).toHaveBeenCalledWith(view.text());
    expect(box.textContent).toContain('报告已复制');
  });

  it('复制报告 falls back to a selected textarea and the copy command when the clipboard is refused', async () => {
    const box = container();
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: async () => Promise.reject(new Error('NotAllowedError')) }, configurable: true });
    const execCommand = jest.fn(() => true);
    (document as { execCommand?: unknown }).execCommand = execCommand;
    const view = renderSelfTest(document, box, [], results);
    expect(await view.copy()).toBe('copied');
    expect(execCommand).toHaveBeenCalledWith('copy');
    const area = box.querySelector('textarea')!;
    expect(area.value).toBe(view.text());
    expect(area.hidden).toBe(true);
  });

  it('leaves the report selected for Ctrl+C where nothing may copy, and says so', async () => {
    const box = container();
    (document as { execCommand?: unknown }).execCommand = () => false;
    const view = renderSelfTest(document, box, [], results);
    expect(await view.copy()).toBe('selected');
    const area = box.querySelector('textarea')!;
    expect(area.hidden).toBe(false);
    expect(area.value).toBe(view.text());
    expect(box.textContent).toContain('Ctrl+C');
  });

  it('保存为 .txt hands the report to the save callback and never claims a save the host refused', async () => {
    const box = container();
    const saved: Array<[string, string]> = [];
    let allow = true;
    const view = renderSelfTest(document, box, [], results, {
      saveText: (text, name) => {
        saved.push([text, name]);
        return allow;
      },
    });
    expect(await view.save()).toBe(true);
    expect(saved).toEqual([[view.text(), '环境自检报告.txt']]);
    allow = false;
    expect(await view.save()).toBe(false);
    expect(box.querySelector('.nb-selftest-status')!.textContent).toContain('不允许');
  });

  it('copyText works without any container text before', async () => {
    const box = container();
    (document as { execCommand?: unknown }).execCommand = () => true;
    expect(await copyText(document, 'abc', box)).toBe('copied');
  });
});
