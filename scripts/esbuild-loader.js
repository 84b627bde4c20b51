/**
 * A webpack loader that lowers third-party JavaScript (zod, htmlparser2, …) to the WPS bundle's
 * target with esbuild, as ts-loader lowers our TypeScript: WPS's embedded browser is older than
 * the one those packages are published for. Imports and exports are left for webpack.
 */
/* eslint-env node */
const esbuild = require('esbuild');

module.exports = function esbuildLoader(source) {
  const done = this.async();
  const { target } = this.getOptions();
  esbuild
    .transform(source, { loader: 'js', target, sourcefile: this.resourcePath, legalComments: 'none' })
    .then((r) => done(null, r.code), (e) => done(e));
};
