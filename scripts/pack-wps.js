/**
 * After `webpack --config webpack.wps.config.js`: packs the add-in folder dist-wps/nianbao_<version>/
 * the way Kingsoft's `wpsjs build` packs an offline add-in, and writes what each deployment mode
 * needs beside it:
 *
 *   dist-wps/nianbao.7z        the offline package: ONE top folder nianbao_<version>/ holding
 *                              index.html, ribbon.xml and the rest, which WPS unpacks into its
 *                              jsaddons directory (wpsjs 2.2.3 src/lib/build.js:63-64 names the
 *                              folder `${name}_${version}`, :77 the archive `${name}.7z`, :78-82
 *                              adds the folder itself, not its contents)
 *   dist-wps/jsplugins.xml     the list an intranet server hands to every WPS whose oem.ini names
 *                              it: <jsplugin … url="….7z" version> for the package, or with
 *                              WPS_ONLINE=1 <jspluginonline … url="…/nianbao_<version>/"> for the
 *                              served folder (wpsjs src/lib/debug_xmlplugin.js:104-125)
 *   dist-wps/wpsjs-publish/    a folder in which `npx wpsjs publish -s <url>` runs without a
 *                              question: package.json with addonType "et" and
 *                              wps-addon-build/nianbao.7z (wpsjs src/lib/publish.js:33-41 takes an
 *                              existing `${name}.7z` there as an offline add-in, :113 lists it as
 *                              serverUrl + name + ".7z")
 *
 * Why not run wpsjs itself: `wpsjs build` always asks online/offline in a prompt (build.js:24-41)
 * and copies the whole project root, not a build folder (build.js:66-74); `wpsjs publish` writes its
 * publishlist.json into its own installed package (publish.js:96-124); and installing it pulls 155
 * packages, some pinned to "latest". test/wps/build.test.ts packs the same folder the way build.js
 * does and compares the two archives' listings.
 *
 * The archive is made by 7-Zip compiled to WebAssembly (npm 7z-wasm): nothing to install besides
 * `npm install`, the same on Windows, Linux x86 and the ARM/LoongArch machines of 信创 offices,
 * and nothing downloaded.
 *
 * Options (environment variables):
 *   WPS_SERVER_URL=http://10.0.0.8/wps/   where the intranet server will serve dist-wps/ (default: a
 *                                          placeholder to replace, see docs/deployment-wps.md);
 *                                          spaces around it are dropped (cmd.exe's `set X=… &&`
 *                                          keeps the one before &&)
 *   WPS_ONLINE=1                           list the served folder instead of the .7z
 *   DIST_DIR=path                          output directory (default dist-wps)
 */
/* eslint-env node */
const fs = require('fs');
const path = require('path');
const SevenZip = require('7z-wasm');
const { ADDIN, FOLDER } = require('../webpack.wps.config.js');

const ROOT = path.resolve(__dirname, '..');
const PLACEHOLDER = 'http://内网服务器地址/wps/';
/** wpsjs's names: the archive (build.js:77) and the folder `wpsjs publish` looks in (util.js:119-121). */
const ARCHIVE = `${ADDIN}.7z`;
const PUBLISH_DIR = 'wpsjs-publish';
const WPSJS_BUILD_DIR = 'wps-addon-build';

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

/** The entries a .7z holds, as paths with "/"; folders end with "/" when `withFolders`. */
async function list7z(file, { withFolders = false } = {}) {
  const text = await sevenZip(path.dirname(path.resolve(file)), ['l', '-slt', '-ba', '-bd', path.basename(file)]);
  const entries = [];
  let current = null;
  let folder = false;
  const flush = () => {
    if (current !== null && (!folder || withFolders)) entries.push(folder ? `${current}/` : current);
    current = null;
    folder = false;
  };
  for (const line of text.split('\n')) {
    const m = /^Path = (.*)$/.exec(line);
    if (m) {
      flush();
      current = m[1].replace(/\\/g, '/');
    }
    if (/^Attributes = D/.test(line)) folder = true;
    if (line.trim() === '') flush();
  }
  flush();
  return entries.sort();
}

/** The server address as people type it: spaces dropped, one "/" at the end, http(s) only. */
function serverBase(serverUrl) {
  const trimmed = String(serverUrl ?? '').trim();
  const base = trimmed.endsWith('/') ? trimmed : `${trimmed}/`;
  if (!/^https?:\/\/[^\s"'<>]+$/.test(base)) throw new Error(`WPS_SERVER_URL must be an http(s) address, not "${serverUrl}"`);
  return base;
}

/** jsplugins.xml: the package with its version, or the served folder (`<jspluginonline>`, no version: WPS loads it each time). */
function jsplugins({ name, version, url, online = false }) {
  const entry = online
    ? `  <jspluginonline name="${xmlEscape(name)}" type="et" url="${xmlEscape(url)}" />`
    : `  <jsplugin name="${xmlEscape(name)}" type="et" url="${xmlEscape(url)}" version="${xmlEscape(version)}" />`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!-- nianbao 的 WPS 加载项清单：放在内网服务器上，并在每台 WPS 的 oem.ini 中以 JSPluginsServer 指向本文件。见 docs/deployment-wps.md。 -->',
    '<jsplugins>',
    entry,
    '</jsplugins>',
    '',
  ].join('\n');
}

/** The folder `npx wpsjs publish -s <url>` runs in: what publish.js reads (package.json, wps-addon-build/<name>.7z) and nothing else. */
function writePublishFolder(distDir, version, archivePath) {
  const dir = path.join(distDir, PUBLISH_DIR);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, WPSJS_BUILD_DIR), { recursive: true });
  const pkg = { name: ADDIN, version, addonType: 'et', private: true, description: 'nianbao 的 WPS 加载项发布目录：在此运行 npx wpsjs publish -s <服务器地址>（见 docs/deployment-wps.md）' };
  fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
  fs.copyFileSync(archivePath, path.join(dir, WPSJS_BUILD_DIR, ARCHIVE));
  return dir;
}

async function pack({ distDir = path.resolve(ROOT, process.env.DIST_DIR || 'dist-wps'), serverUrl = process.env.WPS_SERVER_URL || PLACEHOLDER, online = process.env.WPS_ONLINE === '1' } = {}) {
  const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const folder = path.join(distDir, FOLDER);
  if (!fs.existsSync(path.join(folder, 'index.html'))) throw new Error(`${folder} has no index.html: run webpack --config webpack.wps.config.js first`);
  const ribbon = fs.readFileSync(path.join(folder, 'ribbon.xml'), 'utf8');
  if (!ribbon.startsWith('<customUI')) throw new Error(`${FOLDER}/ribbon.xml must start with <customUI (WPS and wpsjs read it so)`);
  const base = serverBase(serverUrl);
  const archive = path.join(distDir, ARCHIVE);
  fs.rmSync(archive, { force: true });
  // Run in dist-wps/ and name the folder: its name is the archive's top folder, as in build.js.
  await sevenZip(distDir, ['a', '-t7z', '-mx=9', '-bd', ARCHIVE, FOLDER]);
  const url = online ? `${base}${FOLDER}/` : `${base}${ARCHIVE}`;
  fs.writeFileSync(path.join(distDir, 'jsplugins.xml'), jsplugins({ name: ADDIN, version, url, online }));
  const publish = writePublishFolder(distDir, version, archive);
  return { archive, folder, jsplugins: path.join(distDir, 'jsplugins.xml'), publish, url };
}

module.exports = { pack, list7z, jsplugins, serverBase, sevenZip, PLACEHOLDER, ARCHIVE, PUBLISH_DIR };

if (require.main === module) {
  pack().then(
    (r) => console.log(`WPS 加载项：${path.relative(ROOT, r.folder)}/，${path.relative(ROOT, r.archive)}，${path.relative(ROOT, r.jsplugins)}（url=${r.url}），${path.relative(ROOT, r.publish)}/（wpsjs publish）`),
    (e) => {
      console.error(e.message);
      process.exit(1);
    },
  );
}
