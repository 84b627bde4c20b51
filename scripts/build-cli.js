#!/usr/bin/env node
// Compiles the command line into lib/ from scratch: tsc never deletes the output of a source file
// that was moved or removed, and a stale lib/import/prose.js would shadow lib/import/prose/index.js.
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

function buildCli() {
  const root = path.resolve(__dirname, '..');
  fs.rmSync(path.join(root, 'lib'), { recursive: true, force: true });
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.cli.json')], { cwd: root, stdio: 'inherit' });
}

module.exports = buildCli;
if (require.main === module) buildCli();
