/**
 * After `webpack --config webpack.wps.config.js`: packs dist-wps/nianbao/ into the offline package
 * WPS accepts (dist-wps/nianbao_<version>.7z, the files at the top of the archive) and writes
 * dist-wps/jsplugins.xml, the list an intranet server hands to every WPS whose oem.ini names it.
 *
 * The archive is made by 7-Zip compiled to WebAssembly (npm 7z-wasm): nothing to install besides
 * `npm install`, the same on Windows, Linux x86 and the ARM/LoongArch machines of 信创 offices,
 * and nothing downloaded.
 *
 * Options (environment variables):
 *   WPS_SERVER_URL=http://10.0.0.8/wps/   where the intranet server will serve dist-wps/ (default: a
 *                                          placeholder to replace, see docs/deployment-wps.md)
 *   WPS_ONLINE=1                           list the unpacked folder instead of the .7z
 *   DIST_DIR=path                          output directory (default dist-wps)
 */
/* eslint-env node */
const fs = require('fs');
const path = require('path');
const SevenZip = require('7z-wasm');
const { ADDIN } = require('../webpack.wps.config.js');

const ROOT = path.resolve(__dirname, '..');
const PLACEHOLDER = 'http://内网服务器地址/nianbao/';

const xmlEscape = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Runs 7-Zip with a real directory mounted, in its sub-directory `sub`; returns what it printed. */
async function sevenZip(root, args, sub = '.') {
  const out = [];
  const sz = await SevenZip({ print: (l) => out.push(l), printErr: (l) => out.push(l) });
  sz.FS.mkdir('/work');
  sz.FS.mount(sz.NODEFS, { root }, '/work');
  sz.FS.chdir(`/work/${sub}`);
  let code = 0;
  try {
    sz.callMain(args);
  } catch (e) {
    code = typeof e?.status === 'number' ? e.status : 1;
  }
  if (code !== 0) throw new Error(`7z ${args.join(' ')} failed:\n${out.join('\n')}`);
  return out.join('\n');
}

/** The files a .7z holds, as paths with "/". */
async function list7z(file) {
  const text = await sevenZip(path.dirname(path.resolve(file)), ['l', '-slt', '-ba', path.basename(file)]);
  const files = [];
  let current = null;
  for (const line of text.split('\n')) {
    const m = /^Path = (.*)$/.exec(line);
    if (m) current = m[1].replace(/\\/g, '/');
    if (/^Attributes = D/.test(line)) current = null;
    if (line.trim() === '' && current) {
      files.push(current);
      current = null;
    }
  }
  if (current) files.push(current);
  return files.sort();
}

function jsplugins({ name, version, url }) {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!-- nianbao 的 WPS 加载项清单：放在内网服务器上，并在每台 WPS 的 oem.ini 中以 JSPluginsServer 指向本文件。见 docs/deployment-wps.md。 -->',
    '<jsplugins>',
    `  <jsplugin name="${xmlEscape(name)}" type="et" url="${xmlEscape(url)}" version="${xmlEscape(version)}" />`,
    '</jsplugins>',
    '',
  ].join('\n');
}

async function pack({ distDir = path.join(ROOT, process.env.DIST_DIR || 'dist-wps'), serverUrl = process.env.WPS_SERVER_URL || PLACEHOLDER, online = process.env.WPS_ONLINE === '1' } = {}) {
  const { version } = require(path.join(ROOT, 'package.json'));
  const folder = path.join(distDir, ADDIN);
  if (!fs.existsSync(path.join(folder, 'index.html'))) throw new Error(`${folder} has no index.html: run webpack --config webpack.wps.config.js first`);
  const base = serverUrl.endsWith('/') ? serverUrl : `${serverUrl}/`;
  if (!/^https?:\/\/[^\s"'<>]+$/.test(base)) throw new Error(`WPS_SERVER_URL must be an http(s) address, not "${serverUrl}"`);
  const archive = `${ADDIN}_${version}.7z`;
  fs.rmSync(path.join(distDir, archive), { force: true });
  await sevenZip(distDir, ['a', '-t7z', '-mx=9', '-bd', `../${archive}`, '.'], ADDIN);
  const url = online ? `${base}${ADDIN}/` : `${base}${archive}`;
  fs.writeFileSync(path.join(distDir, 'jsplugins.xml'), jsplugins({ name: ADDIN, version, url }));
  return { archive: path.join(distDir, archive), jsplugins: path.join(distDir, 'jsplugins.xml'), url };
}

module.exports = { pack, list7z, jsplugins, PLACEHOLDER };

if (require.main === module) {
  pack().then(
    (r) => console.log(`WPS 加载项：${path.relative(ROOT, r.archive)}，${path.relative(ROOT, r.jsplugins)}（url=${r.url}）`),
    (e) => {
      console.error(e.message);
      process.exit(1);
    },
  );
}
