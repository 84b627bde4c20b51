#!/usr/bin/env node
/**
 * `npm start`: the add-in in Excel.
 *
 * On Windows and macOS, office-addin-debugging (an optional dependency) builds, starts the dev
 * server and sideloads manifest.xml into desktop Excel. Elsewhere, or when it could not be
 * installed, this starts the https dev server and says how to load the add-in by hand.
 * Extra arguments go to office-addin-debugging (e.g. `npm start -- web`).
 */
const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');

const ROOT = path.join(__dirname, '..');
const MANIFEST = path.join(ROOT, 'manifest.xml');
const PORT = Number(process.env.npm_package_config_dev_server_port || 3000);
const PREVIEW_PORT = 3001;

function resolveBin(pkg, bin) {
  try {
    const dir = path.dirname(require.resolve(`${pkg}/package.json`, { paths: [ROOT] }));
    const meta = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    const rel = typeof meta.bin === 'string' ? meta.bin : meta.bin?.[bin ?? pkg];
    return rel ? path.join(dir, rel) : null;
  } catch {
    return null;
  }
}

function hasScript(name) {
  try {
    return Boolean(JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts?.[name]);
  } catch {
    return false;
  }
}

/** What `npm start` does on a platform: sideload into desktop Excel, or serve and explain. */
function plan(platform = process.platform, debugging = resolveBin('office-addin-debugging')) {
  if ((platform === 'win32' || platform === 'darwin') && debugging) {
    return { kind: 'sideload', command: process.execPath, args: [debugging, 'start', MANIFEST, 'desktop', '--app', 'excel'] };
  }
  const webpack = resolveBin('webpack-cli', 'webpack-cli');
  return { kind: 'serve', command: process.execPath, args: [webpack, 'serve', '--mode', 'development'], platform };
}

function instructions(platform, preview = hasScript('preview')) {
  const url = `https://localhost:${PORT}`;
  const lines = [
    '',
    `nianbao 开发服务器正在启动：${url}/taskpane.html`,
    `首次使用时，请先在浏览器中打开上面的地址并信任（或接受）本机证书，否则 Excel 无法加载本加载项。`,
    '',
    '在网页版 Excel 中加载（需要 Microsoft 365 账号）：',
    '  1. 在浏览器中打开网页版 Excel，新建或打开一个工作簿；',
    '  2. 依次点击“开始”→“加载项”→“更多设置”（或“高级”）→“上传我的加载项”（各版本菜单名称略有不同）；',
    `  3. 选择清单文件：${MANIFEST}`,
    '  4. “开始”选项卡中出现“政府信息公开年报”组：点击“插入年报模板”即可插入模板，点击“年报校验”打开任务窗格。',
  ];
  if (platform === 'win32' || platform === 'darwin') {
    lines.push(
      '',
      '未安装 office-addin-debugging（可选依赖），无法自动旁加载到桌面版 Excel。手动方式：',
      platform === 'win32'
        ? '  Windows：将 manifest.xml 放入一个共享文件夹，在 Excel“文件→选项→信任中心→受信任的加载项目录”中添加该共享文件夹，重启 Excel 后在“开始→加载项→共享文件夹”中选择。'
        : '  macOS：将 manifest.xml 复制到 ~/Library/Containers/com.microsoft.Excel/Data/Documents/wef/，重启 Excel 后在“开始→加载项”中选择。',
    );
  }
  if (preview) lines.push('', `不用 Excel 预览任务窗格和模板：另开终端运行 npm run preview，然后打开 http://localhost:${PREVIEW_PORT}`);
  lines.push('', '按 Ctrl+C 停止。', '');
  return lines.join('\n');
}

function main() {
  const p = plan();
  const child = spawn(p.command, [...p.args, ...process.argv.slice(2)], { cwd: ROOT, stdio: 'inherit' });
  if (p.kind === 'serve') console.log(instructions(p.platform));
  const stop = (signal) => child.kill(signal);
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
}

if (require.main === module) main();

module.exports = { plan, instructions };
