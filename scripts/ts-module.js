/**
 * Loads one TypeScript module in Node at build time (the Chinese function metadata table), by
 * transpiling it to CommonJS in memory. Nothing else of src/ runs at build time.
 */
const fs = require('fs');
const Module = require('module');
const path = require('path');
const ts = require('typescript');

function requireTs(file) {
  const filename = path.resolve(file);
  const source = fs.readFileSync(filename, 'utf8');
  const { outputText } = ts.transpileModule(source, {
    fileName: filename,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, esModuleInterop: true },
  });
  const m = new Module(filename, module);
  m.filename = filename;
  m.paths = Module._nodeModulePaths(path.dirname(filename));
  m._compile(outputText, filename);
  return m.exports;
}

module.exports = { requireTs };
