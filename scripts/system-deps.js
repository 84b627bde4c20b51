#!/usr/bin/env node
// Before the tests: LibreOffice (which recalculates the .xlsx we write and prints the .docx), Chromium
// (the real-browser tests), poppler-utils and CJK fonts (reading that PDF) come from Debian, not npm. Install them when missing and we may; else say how.
'use strict';
const { execFileSync, spawnSync } = require('child_process');
const fs = require('fs');

const wanted = [
  // Calc and Writer are separate packages: soffice alone does not say both are there.
  { bin: ['/usr/lib/libreoffice/program/libsclo.so'], pkgs: ['libreoffice-calc-nogui'], what: 'LibreOffice Calc' },
  { bin: ['/usr/lib/libreoffice/program/libswlo.so'], pkgs: ['libreoffice-writer-nogui'], what: 'LibreOffice Writer' },
  { bin: ['/usr/bin/chromium'], pkgs: ['chromium'], what: 'Chromium' },
  // The Word export's test prints the .docx to PDF with Writer and reads the PDF back.
  { bin: ['/usr/bin/pdftotext'], pkgs: ['poppler-utils'], what: 'poppler-utils（pdfinfo、pdftotext）' },
  { bin: ['/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc'], pkgs: ['fonts-noto-cjk'], what: '中文字体' },
];
const missing = wanted.filter((w) => !w.bin.some((b) => fs.existsSync(b)));
if (missing.length === 0) process.exit(0);

const pkgs = missing.flatMap((m) => m.pkgs);
const canInstall = process.platform === 'linux' && typeof process.getuid === 'function' && process.getuid() === 0 && fs.existsSync('/usr/bin/apt-get');
if (!canInstall) {
  console.error(`测试需要 ${missing.map((m) => m.what).join('、')}。请先安装：sudo apt-get install ${pkgs.join(' ')}`);
  process.exit(1);
}
console.log(`正在安装测试所需的系统软件包：${pkgs.join(' ')}`);
execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
const r = spawnSync('apt-get', ['install', '-y', '-qq', ...new Set([...pkgs, 'fonts-noto-cjk'])], {
  stdio: 'inherit',
  env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
});
process.exit(r.status ?? 1);
