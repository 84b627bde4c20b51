// Jest runs CommonJS; pdf.js (pdfjs-dist) ships ES modules only. This transform turns its .mjs
// files into CommonJS with esbuild (already a dev dependency), as Node's own require(esm) does
// for the CLI. Jest caches the result, so the 3.5 MB of pdf.js is converted once.
const crypto = require('crypto');
const esbuild = require('esbuild');

module.exports = {
  getCacheKey(source, file) {
    return crypto.createHash('sha256').update(`esm-transform-1\0${file}\0`).update(source).digest('hex');
  },
  process(source, file) {
    const out = esbuild.transformSync(source, {
      format: 'cjs',
      target: 'node20',
      loader: 'js',
      sourcefile: file,
      define: { 'import.meta.url': '__esm_import_meta_url' },
      banner: 'const __esm_import_meta_url = require("url").pathToFileURL(__filename).href;',
      logLevel: 'silent',
    });
    return { code: out.code };
  },
};
