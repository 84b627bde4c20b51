#!/usr/bin/env node
'use strict';
let cli;
try {
  cli = require('../lib/cli/main.js');
} catch (e) {
  process.stderr.write('nianbao：尚未编译，请先在项目目录运行 npm install（或 npm run build:cli）\n');
  process.exit(2);
}
cli
  .main(process.argv.slice(2), {
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
    now: () => new Date(),
  })
  .then((code) => {
    process.exitCode = code;
  });
