/** The preview server (scripts/preview.js) without a browser: what it serves, and what it refuses. */
import fs from 'fs';
import http from 'http';
import { AddressInfo } from 'net';
import os from 'os';
import path from 'path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const preview = require('../../scripts/preview.js') as {
  CSP: string;
  serve(dir: string, options: { port: number; host?: string }): Promise<http.Server>;
  fileFor(dir: string, url: string): string | null;
  portFromEnv(value: string | undefined): number;
};

let dir: string;
let server: http.Server;
let origin: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-preview-serve-'));
  fs.writeFileSync(path.join(dir, 'taskpane.html'), '<!doctype html><title>预览</title>');
  fs.mkdirSync(path.join(dir, 'office-js'));
  fs.writeFileSync(path.join(dir, 'office-js', 'office.js'), '/* office */');
  fs.writeFileSync(path.join(dir, 'preview.css'), 'body{}');
  fs.writeFileSync(path.join(dir, '年报模板.xlsx'), 'PK');
  fs.writeFileSync(path.join(dir, '..', `${path.basename(dir)}-secret.txt`), 'secret');
  server = await preview.serve(dir, { port: 0 });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => {
  server.close();
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(path.join(dir, '..', `${path.basename(dir)}-secret.txt`), { force: true });
});

function request(pathname: string, method = 'GET'): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${origin}${pathname}`, { method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('listens on the loopback address only', () => {
  expect((server.address() as AddressInfo).address).toBe('127.0.0.1');
});

test('/ is the task pane page, with a strict Content-Security-Policy', async () => {
  const res = await request('/');
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
  expect(res.body).toContain('<title>预览</title>');
  const csp = String(res.headers['content-security-policy']);
  expect(csp).toBe(preview.CSP);
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("style-src 'self'");
  expect(csp).toContain("frame-src 'none'");
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).not.toContain('unsafe-eval');
  expect(res.headers['x-content-type-options']).toBe('nosniff');
});

test('serves office.js from the local copy, with its type', async () => {
  const res = await request('/office-js/office.js');
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
  expect(res.body).toBe('/* office */');
  expect((await request('/preview.css')).headers['content-type']).toBe('text/css; charset=utf-8');
});

test('serves the blank template the page links to, by its Chinese name, as a workbook', async () => {
  const res = await request(`/${encodeURIComponent('年报模板.xlsx')}`);
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  expect(res.body).toBe('PK');
});

test('nothing outside its folder, no folders, nothing missing', async () => {
  for (const p of [`/../${path.basename(dir)}-secret.txt`, `/%2e%2e/${path.basename(dir)}-secret.txt`, '/office-js/', '/office-js', '/nope.js', '/%E0%A4%A', '/a%00b']) {
    const res = await request(p);
    expect([p, res.status]).toEqual([p, 404]);
    expect(res.body).not.toContain('secret');
  }
  expect(preview.fileFor(dir, `/..%2f${path.basename(dir)}-secret.txt`)).toBeNull();
});

test('only reads: other methods get 405 in Chinese', async () => {
  const res = await request('/taskpane.html', 'POST');
  expect(res.status).toBe(405);
  expect(res.headers.allow).toBe('GET, HEAD');
  expect(res.body).toBe('只支持 GET 请求');
  expect((await request('/taskpane.html', 'HEAD')).status).toBe(200);
});

test('PORT: default 3001, else a port number', () => {
  expect(preview.portFromEnv(undefined)).toBe(3001);
  expect(preview.portFromEnv('')).toBe(3001);
  expect(preview.portFromEnv('8080')).toBe(8080);
  expect(() => preview.portFromEnv('http')).toThrow('PORT 应为 0–65535 之间的整数');
  expect(() => preview.portFromEnv('70000')).toThrow('PORT');
});
