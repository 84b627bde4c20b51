#!/usr/bin/env node
/**
 * `npm run preview`: the task pane in any browser, beside an in-page workbook, with no Excel,
 * no certificate and nothing from the internet.
 *
 * Builds the add-in into dist-preview/ (webpack, development mode: a few seconds; office.js from
 * our local copy) and serves it over plain http on 127.0.0.1. The task pane page finds no Office
 * host there and starts the preview (src/preview/). Every response carries a strict
 * Content-Security-Policy: scripts and styles from this server only, no inline script, no eval,
 * no frames — which also stops office.js's attempt to frame Microsoft's telemetry page.
 *
 * Environment: PORT (default 3001), PREVIEW_DIR (default dist-preview).
 * Arguments: --no-build serves PREVIEW_DIR as it is; --production builds minified.
 */
const { spawnSync } = require('child_process');
const fs = require('fs');
const http = require('http');
const path = require('path');

const ROOT = path.join(__dirname, '..');
const DEFAULT_PORT = 3001;

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "frame-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const HEADERS = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.ico': 'image/x-icon',
};

/** Builds the add-in into dir with webpack; returns webpack's output when it fails. */
function build(dir, { production = false } = {}) {
  const webpack = path.join(path.dirname(require.resolve('webpack/package.json', { paths: [ROOT] })), 'bin/webpack.js');
  const result = spawnSync(process.execPath, [webpack, '--mode', production ? 'production' : 'development', '--env', `DIST_DIR=${dir}`, '--env', 'OFFICE_JS=local'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, OFFICE_JS: 'local', DIST_DIR: dir },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) return { ok: false, output: `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? String(result.error) : ''}` };
  return { ok: true };
}

/** The file a request path names inside dir, or null when it names none (or tries to leave dir). */
function fileFor(dir, urlPath) {
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(urlPath, 'http://localhost').pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  if (pathname === '/') pathname = '/taskpane.html';
  const file = path.resolve(dir, `.${path.posix.normalize(pathname)}`);
  const rel = path.relative(dir, file);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return null;
  try {
    return fs.statSync(file).isFile() ? file : null;
  } catch {
    return null;
  }
}

function send(res, status, text) {
  res.writeHead(status, { ...HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text);
}

/** An http server for dir; listens on host:port and resolves once it does. */
function serve(dir, { port = DEFAULT_PORT, host = '127.0.0.1' } = {}) {
  const root = path.resolve(dir);
  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      send(res, 405, '只支持 GET 请求');
      return;
    }
    const file = fileFor(root, req.url ?? '/');
    if (!file) {
      send(res, 404, '找不到该文件');
      return;
    }
    res.writeHead(200, { ...HEADERS, 'Content-Type': TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream' });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    fs.createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

function portFromEnv(value) {
  if (value === undefined || value === '') return DEFAULT_PORT;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`PORT 应为 0–65535 之间的整数，而不是“${value}”`);
  return n;
}

async function main(argv = process.argv.slice(2)) {
  const dir = path.resolve(ROOT, process.env.PREVIEW_DIR || 'dist-preview');
  let port;
  try {
    port = portFromEnv(process.env.PORT);
  } catch (e) {
    console.error(e.message);
    return 2;
  }
  if (!argv.includes('--no-build')) {
    console.log('正在构建预览（webpack）…');
    const result = build(dir, { production: argv.includes('--production') });
    if (!result.ok) {
      console.error(`构建失败：\n${result.output}`);
      return 1;
    }
  }
  if (!fs.existsSync(path.join(dir, 'taskpane.html'))) {
    console.error(`${dir} 中没有 taskpane.html：请去掉 --no-build 重新运行 npm run preview`);
    return 1;
  }
  let server;
  try {
    server = await serve(dir, { port });
  } catch (e) {
    console.error(e.code === 'EADDRINUSE' ? `端口 ${port} 已被占用：请换一个端口，例如 PORT=${port + 1} npm run preview` : `预览服务器未能启动：${e.message}`);
    return 1;
  }
  const actual = server.address().port;
  console.log(
    [
      '',
      `nianbao 预览已启动：http://localhost:${actual}/`,
      '在任意浏览器中打开上面的地址：年报模板工作表与任务窗格并排显示，不需要 Excel。',
      '工作簿只保存在本页面中，刷新页面即清空；不访问互联网。',
      '',
      '按 Ctrl+C 停止。',
      '',
    ].join('\n'),
  );
  const stop = () => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 1000).unref(); // a browser may hold a connection open
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return null;
}

if (require.main === module) {
  main().then((code) => {
    if (code !== null) process.exit(code);
  });
}

module.exports = { CSP, build, serve, fileFor, portFromEnv };
