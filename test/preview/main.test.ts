/** @jest-environment jsdom */
/**
 * The page's first module decides nothing: Office.onReady does. In a plain browser it fetches the
 * preview at once and starts it when onReady reports no host; inside Office it fetches nothing
 * and never starts it.
 */
const mockLoaded = jest.fn();
const mockStartPreview = jest.fn();
jest.mock('../../src/preview/start', () => {
  mockLoaded();
  return { startPreview: mockStartPreview };
});

type Info = { host: string | null; platform: string | null };
let answer: (info: Info) => void = () => undefined;

function officeWaitingForHost(): void {
  const g = globalThis as unknown as { Office?: unknown };
  g.Office = {
    onReady: (callback: (info: Info) => unknown) =>
      new Promise<void>((resolve) => {
        answer = (info) => {
          callback(info);
          resolve();
        };
      }),
  };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

function runEntry(): void {
  jest.isolateModules(() => {
    require('../../src/preview/main');
  });
}

beforeEach(() => {
  jest.clearAllMocks();
  document.head.innerHTML = '';
  document.body.innerHTML = '<main></main>';
  delete (globalThis as unknown as { Office?: unknown }).Office;
  delete (window as unknown as { chrome?: unknown }).chrome;
});

test('in a plain browser the preview is fetched before Office answers, and starts once it says there is no host', async () => {
  officeWaitingForHost();
  runEntry();
  await flush();
  expect(mockLoaded).toHaveBeenCalledTimes(1);
  expect(document.querySelector('link[data-preview-css]')?.getAttribute('href')).toBe('preview.css');
  expect(mockStartPreview).not.toHaveBeenCalled();
  answer({ host: null, platform: null });
  await flush();
  expect(mockStartPreview).toHaveBeenCalledTimes(1);
  expect(mockLoaded).toHaveBeenCalledTimes(1);
});

test('inside Excel nothing of the preview is fetched, linked or started', async () => {
  (window as unknown as { chrome: unknown }).chrome = { webview: {} };
  officeWaitingForHost();
  runEntry();
  answer({ host: 'Excel', platform: 'PC' });
  await flush();
  expect(mockLoaded).not.toHaveBeenCalled();
  expect(mockStartPreview).not.toHaveBeenCalled();
  expect(document.querySelector('link[data-preview-css]')).toBeNull();
});

test('a plain-looking page that Office nonetheless hosts still never starts the preview', async () => {
  officeWaitingForHost();
  runEntry();
  answer({ host: 'Excel', platform: 'OfficeOnline' });
  await flush();
  expect(mockStartPreview).not.toHaveBeenCalled();
});

test('without office.js at all the preview starts', async () => {
  runEntry();
  await flush();
  expect(mockStartPreview).toHaveBeenCalledTimes(1);
});
