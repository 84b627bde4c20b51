/**
 * Builds nianbao as a WPS 表格 加载项 into dist-wps/ (`npm run build:wps`; scripts/pack-wps.js
 * then writes the offline .7z package, jsplugins.xml and a folder for `wpsjs publish` beside it):
 *
 *   dist-wps/nianbao_<version>/  the add-in folder: index.html (loads ribbon.js), ribbon.xml,
 *                                taskpane.html (the pane), selftest.html (自检), scripts, css,
 *                                help.html, assets/
 *
 * The folder is named `<name>_<version>` because that is the folder Kingsoft's own `wpsjs build`
 * makes and packs (wpsjs 2.2.3 src/lib/build.js:63-64), and the folder WPS unpacks into its
 * jsaddons directory; online mode serves the same folder.
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
 * Nothing is loaded from the internet: every script, style and image is in the folder (the build
 * test checks each page and script for outside addresses).
 *
 * No Content-Security-Policy restricts where scripts, styles or images come from. We do not know
 * the origin WPS gives an unpacked offline add-in (wpsjs's Vue template builds root-absolute
 * "/assets/…" paths, which hints at a custom scheme or virtual host rather than file:), and under
 * an opaque or unforeseen origin 'self' matches nothing: every script of ours would be blocked and
 * the ribbon left without callbacks. So index.html (which shows nothing) carries no policy at all,
 * and the pages that show text carry only the directives that cannot block a file of ours (no
 * plugins, no <base>, no form posts). Text from cells is kept out of HTML by the code itself
 * (textContent only), which no policy replaces.
 */
/* eslint-env node */
const fs = require('fs');
const path = require('path');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const { helpPictureCopies } = require('./webpack.config');
const { NormalModuleReplacementPlugin } = require('webpack');

const ADDIN = 'nianbao';
const { version: VERSION } = require('./package.json');
/** The add-in folder: `<name>_<version>`, as wpsjs builds it. */
const FOLDER = `${ADDIN}_${VERSION}`;
const SYNTAX_TARGET = 'es2017';
const BROWSER_TARGET = 'chrome69';

/** What the pages that show text forbid: nothing that could block our own files under any origin (see above). */
const CSP = ["object-src 'none'", "base-uri 'none'", "form-action 'none'"].join('; ');

/**
 * ribbon.xml as WPS and Kingsoft's tools read it: starting with `<customUI` (wpsjs 2.2.3
 * res/publish.html:378 marks an online add-in invalid unless the file does; src/lib/publish.js:151
 * tells users a good ribbon.xml starts so). The source keeps its XML declaration and comment for
 * people; the shipped copy drops everything before the root element.
 */
function shippedRibbon(source) {
  const text = source.toString('utf8').replace(/^\uFEFF/, '');
  const shipped = text.replace(/^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*)*/, '');
  if (!/^<customUI[\s>]/.test(shipped)) throw new Error('wps/ribbon.xml: only an XML declaration and comments may come before <customUI>');
  return shipped;
}

/**
 * The help page as Excel ships it, but with a policy that cannot block its own stylesheet under an
 * origin we have never seen: it runs no script, so `script-src 'none'` blocks nothing of ours.
 */
function helpHtml(source) {
  const html = source.toString('utf8');
  const policy = /(<meta http-equiv="Content-Security-Policy" content=")[^"]*(")/;
  if (!policy.test(html)) throw new Error('help.html: its Content-Security-Policy has changed; update webpack.wps.config.js');
  return html.replace(policy, `$1script-src 'none'; ${CSP}$2`);
}

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
  const outDir = path.resolve(__dirname, env.DIST_DIR || process.env.DIST_DIR || 'dist-wps', FOLDER);
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
      selftest: ['./src/wps/polyfills.ts', './src/zod-config.ts', './src/wps/selftest-entry.ts'],
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
      new HtmlWebpackPlugin({ filename: 'index.html', template: './wps/index.html', chunks: ['ribbon'], inject: 'body', scriptLoading: 'blocking', minify: false }),
      new HtmlWebpackPlugin({ filename: 'taskpane.html', templateContent: paneHtml(), chunks: ['taskpane'], inject: 'body', scriptLoading: 'blocking', minify: false }),
      new HtmlWebpackPlugin({ filename: 'selftest.html', template: './wps/selftest.html', chunks: ['selftest'], inject: 'body', scriptLoading: 'blocking', minify: false, csp: CSP }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'wps/ribbon.xml', to: 'ribbon.xml', transform: shippedRibbon },
          { from: 'wps/wps.css', to: 'wps.css' },
          { from: 'assets/icon-*.png', to: 'assets/[name][ext]' },
          { from: 'src/taskpane/taskpane.css', to: 'taskpane.css' },
          { from: 'src/taskpane/help.html', to: 'help.html', transform: helpHtml },
          { from: 'src/taskpane/help.css', to: 'help.css' },
          ...helpPictureCopies(),
        ],
      }),
    ],
  };
};

module.exports.ADDIN = ADDIN;
module.exports.FOLDER = FOLDER;
module.exports.VERSION = VERSION;
module.exports.shippedRibbon = shippedRibbon;
module.exports.SYNTAX_TARGET = SYNTAX_TARGET;
module.exports.BROWSER_TARGET = BROWSER_TARGET;
module.exports.CSP = CSP;
