/**
 * Builds nianbao as a WPS 表格 加载项 into dist-wps/ (`npm run build:wps`; scripts/pack-wps.js
 * then writes the offline .7z package and jsplugins.xml beside it):
 *
 *   dist-wps/nianbao/          the add-in folder: index.html (loads ribbon.js), ribbon.xml,
 *                              taskpane.html (the pane), scripts, css, help.html, assets/
 *
 * Separate from webpack.config.js (the Excel add-in): no office.js, no functions.json (WPS
 * registers the functions at run time, src/wps/functions.ts), and an older target.
 *
 * Target: the syntax of ES2017 for our code (ES2019 at most for third-party code) and the library of
 * Chromium 69 — WPS's task panes run in an embedded
 * Chromium older than Office's WebView2, and WPS does not say which; Chromium 69 (2018) is below
 * what WPS 2019 and later are known to embed. Our TypeScript is lowered by ts-loader, third-party
 * code by esbuild (scripts/esbuild-loader.js); the few newer library calls are polyfilled
 * (src/wps/polyfills.ts). test/wps/build.test.ts checks the output for anything newer.
 *
 * Nothing is loaded from the internet: every script, style and image is in the folder, and the
 * pages' Content-Security-Policy allows only the folder itself.
 */
/* eslint-env node */
const fs = require('fs');
const path = require('path');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const { NormalModuleReplacementPlugin } = require('webpack');

const ADDIN = 'nianbao';
const SYNTAX_TARGET = 'es2017';
const BROWSER_TARGET = 'chrome69';

/**
 * Our own folder only. WPS serves an add-in from an intranet server (http) or unpacks the offline
 * package into a local folder (file:), where Chromium does not count file: URLs as 'self'.
 */
const CSP = [
  "default-src 'self' file:",
  "script-src 'self' file:",
  "style-src 'self' file:",
  "img-src 'self' file: data:",
  "font-src 'self' file:",
  "connect-src 'self' file:",
  "frame-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** The pane's markup is the Excel pane's (one source); WPS has no office.js, and adds its own few styles. */
function paneHtml() {
  const source = fs.readFileSync(path.join(__dirname, 'src/taskpane/taskpane.html'), 'utf8');
  const officeJs = /[ \t]*<!--[^\n]*office\.js[^\n]*-->\n|[ \t]*<script src="<%= htmlWebpackPlugin\.options\.officeJs %>"><\/script>\n/g;
  let html = source.replace(officeJs, '');
  if (/officeJs/.test(html)) throw new Error('taskpane.html: the office.js script tag has changed; update webpack.wps.config.js');
  html = html.replace('<%= htmlWebpackPlugin.options.csp %>', CSP);
  if (/<%/.test(html)) throw new Error('taskpane.html has template parts webpack.wps.config.js does not fill');
  return html.replace('<link rel="stylesheet" href="taskpane.css" />', '<link rel="stylesheet" href="taskpane.css" />\n    <link rel="stylesheet" href="wps.css" />');
}

module.exports = (env = {}, argv = {}) => {
  const dev = argv.mode === 'development';
  const outDir = path.resolve(__dirname, env.DIST_DIR || process.env.DIST_DIR || 'dist-wps', ADDIN);
  return {
    mode: dev ? 'development' : 'production',
    devtool: false,
    context: __dirname,
    target: ['web', SYNTAX_TARGET],
    entry: {
      // The polyfills before anything that may call what they provide; zod-config before any zod
      // schema is built (see the file).
      ribbon: ['./src/wps/polyfills.ts', './src/zod-config.ts', './src/wps/ribbon.ts'],
      taskpane: ['./src/wps/polyfills.ts', './src/zod-config.ts', './src/wps/taskpane.ts'],
    },
    output: { path: outDir, filename: '[name].js', chunkFilename: '[name].js', clean: true },
    resolve: { extensions: ['.ts', '.js', '.mjs'] },
    module: {
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          loader: 'ts-loader',
          options: { transpileOnly: true, compilerOptions: { module: 'es2020', target: SYNTAX_TARGET, sourceMap: false } },
        },
        {
          test: /\.m?js$/,
          include: /node_modules/,
          // core-js must stay as it is: it is what stands in for the newer library.
          exclude: /node_modules[\\/]core-js[\\/]/,
          loader: path.join(__dirname, 'scripts/esbuild-loader.js'),
          options: { target: BROWSER_TARGET },
        },
        { test: /\.m?js$/, resolve: { fullySpecified: false } },
      ],
    },
    // Each lazily loaded part in one file of its own name.
    optimization: { splitChunks: { cacheGroups: { default: false, defaultVendors: false } } },
    performance: { hints: false },
    plugins: [
      // pdf.js 6 is beyond the WPS pane's browser: its PDF reader says so instead (src/import/pdf/unavailable.ts).
      new NormalModuleReplacementPlugin(/[\\/]src[\\/]import[\\/]pdf[\\/]index\.ts$/, path.join(__dirname, 'src/import/pdf/unavailable.ts')),
      new HtmlWebpackPlugin({ filename: 'index.html', template: './wps/index.html', chunks: ['ribbon'], inject: 'body', scriptLoading: 'blocking', minify: false, csp: CSP }),
      new HtmlWebpackPlugin({ filename: 'taskpane.html', templateContent: paneHtml(), chunks: ['taskpane'], inject: 'body', scriptLoading: 'blocking', minify: false }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'wps/ribbon.xml', to: 'ribbon.xml' },
          { from: 'wps/wps.css', to: 'wps.css' },
          { from: 'assets/icon-*.png', to: 'assets/[name][ext]' },
          { from: 'src/taskpane/taskpane.css', to: 'taskpane.css' },
          { from: 'src/taskpane/help.html', to: 'help.html' },
        ],
      }),
    ],
  };
};

module.exports.ADDIN = ADDIN;
module.exports.SYNTAX_TARGET = SYNTAX_TARGET;
module.exports.BROWSER_TARGET = BROWSER_TARGET;
module.exports.CSP = CSP;
