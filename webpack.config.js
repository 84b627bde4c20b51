/**
 * Builds the Excel add-in into dist/: taskpane.html (in the shared runtime it also hosts the
 * custom functions and the ribbon command), functions.json from the JSDoc of
 * src/functions/functions.ts, functions-zh-cn.json, icons, manifest.xml, the blank template
 * 年报模板.xlsx (for Excel and WPS versions that cannot run the add-in) and, by default, a
 * local copy of office.js. Works offline: nothing is fetched at build or run time except the
 * office.js source chosen.
 *
 * Options (environment variables or `--env NAME=value`):
 *   OFFICE_JS=cdn|china|local  where taskpane.html loads office.js from. cdn (the default for
 *                              production builds): Microsoft's CDN, as Microsoft documents and
 *                              supports ("Referencing the Office JavaScript API library";
 *                              numbered requirement sets need the production CDN library);
 *                              china: the 21Vianet CDN; local (`npm run build:local`, and the
 *                              default for development builds, the dev server and the preview,
 *                              which must work offline): a copy of @microsoft/office-js shipped
 *                              in dist/office-js/, for intranets that cannot reach a CDN —
 *                              unsupported by Microsoft, to be rebuilt with each package update
 *                              (docs/deployment.md).
 *   ADDIN_URL=https://…/       where dist/ will be hosted; written into dist/manifest.xml in
 *                              place of https://localhost:3000/.
 *   DIST_DIR=path              output directory (default dist).
 */
/* eslint-env node */
const path = require('path');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const CustomFunctionsMetadataPlugin = require('custom-functions-metadata-plugin');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const { Compilation, WebpackError, sources } = require('webpack');
const { requireTs } = require('./scripts/ts-module');

const DEV_URL = 'https://localhost:3000/';
const FUNCTIONS = './src/functions/functions.ts';

const OFFICE_JS = {
  local: 'office-js/office.js',
  cdn: 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js',
  china: 'https://appsforoffice.cdn.partner.office365.cn/appsforoffice/lib/1/hosted/office.js',
};

/** office.js loads its host and locale files relative to itself: the folder is copied as published, without what Excel never asks for. */
const OFFICE_JS_SKIP = [
  '**/*.debug.js',
  '**/*vsdoc*',
  '**/*.d.ts',
  '**/{access,onenote,outlook,outlookwebapp,powerpoint,powerpointios,project,word,wordios}-*.js',
  '**/outlook_strings.js',
];

/**
 * The pane's Content-Security-Policy: scripts from our own origin and the chosen office.js origin
 * only, no inline script, no eval, no frames (office.js outside Office tries to frame a telemetry
 * page), nothing posted anywhere. Inline styles stay allowed, for office.js only: inside Office it
 * is Microsoft's code, changing with each host, which we cannot check for <style> elements (our
 * own code sets styles through the CSSOM, and the preview server forbids inline styles outright).
 * A style cannot run code.
 */
function contentSecurityPolicy(officeJsUrl) {
  const office = /^https:/.test(officeJsUrl) ? ` ${new URL(officeJsUrl).origin}` : '';
  return [
    "default-src 'self'",
    `script-src 'self'${office}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self'${office}`,
    "frame-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

function option(env, name, fallback) {
  const v = env[name] ?? process.env[name];
  return v === undefined || v === '' ? fallback : String(v);
}

function officeJsMode(env, dev) {
  const mode = option(env, 'OFFICE_JS', dev ? 'local' : 'cdn').toLowerCase();
  if (!(mode in OFFICE_JS)) throw new Error(`OFFICE_JS must be one of ${Object.keys(OFFICE_JS).join(', ')}, not "${mode}"`);
  return mode;
}

function addinUrl(env) {
  const url = option(env, 'ADDIN_URL', DEV_URL);
  if (!/^https:\/\/[^\s"'<>]+$/.test(url)) throw new Error(`ADDIN_URL must be an https:// address, not "${url}" (Office loads add-ins over https only)`);
  return url.endsWith('/') ? url : `${url}/`;
}

/**
 * functions.json as Excel needs it, plus its Chinese twin. Excel passes cells holding errors
 * (#DIV/0!…) to a function only with allowErrorForDataTypeAny, which the JSDoc generator cannot
 * express; without it such a cell would make the whole check #VALUE! instead of a finding.
 */
class FunctionsMetadataPlugin {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap('FunctionsMetadataPlugin', (compilation) => {
      compilation.hooks.processAssets.tap({ name: 'FunctionsMetadataPlugin', stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONS }, () => {
        const asset = compilation.getAsset('functions.json');
        if (!asset) return; // custom-functions-metadata-plugin has reported why
        const metadata = JSON.parse(asset.source.source().toString());
        metadata.allowErrorForDataTypeAny = true;
        compilation.updateAsset('functions.json', new sources.RawSource(JSON.stringify(metadata, null, 2)));
        try {
          const { localizeMetadata } = requireTs(path.join(__dirname, 'src/functions/metadata-zh-cn.ts'));
          compilation.emitAsset('functions-zh-cn.json', new sources.RawSource(JSON.stringify(localizeMetadata(metadata), null, 2)));
        } catch (e) {
          compilation.errors.push(new WebpackError(`functions-zh-cn.json: ${e.message}`));
        }
      });
    });
  }
}

/**
 * The pictures the help page shows (help.html), from docs/pictures/ (made by `npm run docs:pictures`),
 * shipped beside it in pictures/. test/docs/pictures.test.ts keeps this list and help.html in step.
 */
const HELP_PICTURES = ['insert-template', 'fill-template', 'read-finding', 'quick-fix'];
const helpPictureCopies = () => HELP_PICTURES.map((name) => ({ from: `docs/pictures/${name}.png`, to: `pictures/${name}.png` }));

/** The blank template offered for download beside the add-in; the preview page and the help page link to it. */
const TEMPLATE_FILE = '年报模板.xlsx';
/** The blank register of applications (依申请公开登记台账) with its native 表三 summary, offered beside it. */
const LEDGER_FILE = '台账模板.xlsx';
/** Each blank workbook dist/ offers: its file, the writer module and the function that makes its bytes. */
const BLANK_WORKBOOKS = [
  [TEMPLATE_FILE, './src/xlsx/write.ts', 'templateBuffer'],
  [LEDGER_FILE, './src/xlsx/ledger.ts', 'ledgerBuffer'],
];

/**
 * The blank workbooks (the template; the register with its 表三 summary), written at build time
 * by the same xlsx writers as `nianbao template [--ledger]` (native checks and marks, no findings
 * block), so the intranet server that hosts the add-in
 * also offers the workbook to users whose Excel cannot run it. Nothing binary is committed.
 */
class BlankTemplatePlugin {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap('BlankTemplatePlugin', (compilation) => {
      compilation.hooks.processAssets.tapPromise({ name: 'BlankTemplatePlugin', stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL }, async () => {
        const { require: tsxRequire } = require('tsx/cjs/api');
        for (const [file, writer, make] of BLANK_WORKBOOKS) {
          try {
            compilation.emitAsset(file, new sources.RawSource(await tsxRequire(writer, __filename)[make]()));
          } catch (e) {
            compilation.errors.push(new WebpackError(`${file}: ${e.message}`));
          }
        }
      });
      // Rebuilt whenever the writer or the core it draws from changes.
      compilation.hooks.finishModules.tap('BlankTemplatePlugin', () => {
        for (const dir of ['src/core', 'src/xlsx', 'src/ledger']) compilation.contextDependencies.add(path.join(__dirname, dir));
      });
    });
  }
}

/**
 * https for the dev server: office-addin-dev-certs' certificate when it can be had. Where its CA
 * cannot be installed (Linux without sudo), its certificates are still generated and used, and
 * the user is told how to trust the CA; failing that, a throwaway self-signed certificate.
 * CI needs no certificate at all.
 */
async function devServerHttps() {
  if (process.env.CI) return { type: 'https' };
  const os = require('os');
  const fs = require('fs');
  const dir = path.join(os.homedir(), '.office-addin-dev-certs');
  try {
    const devCerts = require('office-addin-dev-certs');
    const o = await devCerts.getHttpsServerOptions();
    return { type: 'https', options: { ca: o.ca, key: o.key, cert: o.cert } };
  } catch (e) {
    const files = ['ca.crt', 'localhost.crt', 'localhost.key'].map((f) => path.join(dir, f));
    if (files.every((f) => fs.existsSync(f))) {
      console.warn(
        `\n未能自动安装开发证书的根证书（${e.message.split('\n')[0]}）。请把 ${files[0]} 导入浏览器的“受信任的根证书颁发机构”，` +
          `例如 Chromium：certutil -d sql:$HOME/.pki/nssdb -A -t "C,," -n office-addin-dev -i ${files[0]}\n`,
      );
      const [ca, cert, key] = files.map((f) => fs.readFileSync(f));
      return { type: 'https', options: { ca, cert, key } };
    }
    console.warn(`\n未能使用 office-addin-dev-certs 的证书（${e.message.split('\n')[0]}），改用临时自签名证书：请先在浏览器中打开 https://localhost:3000/taskpane.html 并接受证书提示。\n`);
    return { type: 'https' };
  }
}

/**
 * Puts start-check.js (ES5: the WebView2 and office.js messages) right after office.js in
 * taskpane.html. Injected here rather than written into the template, so the WPS build, which
 * reads the same template, is unaffected.
 */
class StartCheckPlugin {
  apply(compiler) {
    compiler.hooks.compilation.tap('StartCheckPlugin', (compilation) => {
      HtmlWebpackPlugin.getHooks(compilation).beforeEmit.tap('StartCheckPlugin', (data) => {
        if (data.outputName !== 'taskpane.html') return data;
        const officeJsTag = /(<script src="[^"]*office\.js"><\/script>)/;
        if (!officeJsTag.test(data.html)) throw new Error('taskpane.html: no office.js script tag to put start-check.js after');
        data.html = data.html.replace(officeJsTag, '$1\n    <script src="start-check.js"></script>');
        return data;
      });
    });
  }
}

module.exports = async (env = {}, argv = {}) => {
  const dev = argv.mode === 'development';
  const officeJs = officeJsMode(env, dev);
  const url = addinUrl(env);
  const distDir = path.resolve(__dirname, option(env, 'DIST_DIR', 'dist'));
  const officeJsDir = path.join(path.dirname(require.resolve('@microsoft/office-js/package.json')));

  const copies = [
    { from: 'assets/icon-*.png', to: 'assets/[name][ext]' },
    { from: 'src/taskpane/taskpane.css', to: 'taskpane.css' },
    { from: 'src/taskpane/help.html', to: 'help.html' },
    { from: 'src/taskpane/help.css', to: 'help.css' },
    ...helpPictureCopies(),
    { from: 'src/preview/preview.css', to: 'preview.css' },
    // ES5, copied as written (never bundled or minified into ES2020): see the file's comment.
    { from: 'src/taskpane/start-check.js', to: 'start-check.js', info: { minimized: true } },
    {
      from: 'manifest.xml',
      to: 'manifest.xml',
      transform: (content) => content.toString().split(DEV_URL).join(url),
    },
  ];
  if (officeJs === 'local') {
    // Copied byte for byte: the licence allows redistribution, not modification, so the
    // minimizer must leave these files alone.
    copies.push(
      { from: path.join(officeJsDir, 'dist'), to: 'office-js', globOptions: { ignore: OFFICE_JS_SKIP }, info: { minimized: true } },
      { from: path.join(officeJsDir, 'LICENSE.md'), to: 'office-js/LICENSE.md' },
    );
  }

  return {
    mode: dev ? 'development' : 'production',
    // Never an eval-based devtool, in development either: the preview page forbids eval (CSP).
    devtool: 'source-map',
    context: __dirname,
    entry: {
      // The page's one script: every request is a round trip on the way to a usable pane, and in
      // the shared runtime all of these load together anyway. The preview's entry comes first so
      // that, in a plain browser, its chunk downloads while the rest evaluates (src/preview/main.ts).
      // zod is not on the first screen: report-schema.ts, in the chunks that read files, configures it before any schema exists.
      taskpane: ['./src/preview/main.ts', FUNCTIONS, './src/commands/commands.ts', './src/taskpane/taskpane.ts'],
      // Named by the manifest (Functions.Script.Url), which the schema requires beside a shared
      // runtime; taskpane.html does not load it. Self-contained, so it also runs on its own.
      functions: FUNCTIONS,
      // export.html: 导出 Word in the system browser (src/taskpane/export-link.ts), for web views that cannot save a file.
      'export-page': './src/taskpane/export-page.ts',
    },
    output: { path: distDir, filename: '[name].js', clean: true },
    resolve: { extensions: ['.ts', '.js'] },
    module: {
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          loader: 'ts-loader',
          options: {
            // `npm run typecheck` checks types; the bundle only needs JavaScript out.
            transpileOnly: true,
            compilerOptions: { module: 'es2020', target: 'es2020', sourceMap: true },
          },
        },
      ],
    },
    optimization: {
      // Only what loads later is split off (importers, Word export, the preview): the first
      // screen is the one file above, with its own runtime.
      splitChunks: { chunks: 'async' },
    },
    performance: { hints: false },
    plugins: [
      new CustomFunctionsMetadataPlugin({ output: 'functions.json', input: FUNCTIONS }),
      new FunctionsMetadataPlugin(),
      new BlankTemplatePlugin(),
      new HtmlWebpackPlugin({
        filename: 'taskpane.html',
        template: './src/taskpane/taskpane.html',
        chunks: ['taskpane'],
        inject: 'body',
        // Deferred, after office.js (blocking, in head): it downloads while the page is parsed.
        scriptLoading: 'defer',
        officeJs: OFFICE_JS[officeJs],
        csp: contentSecurityPolicy(OFFICE_JS[officeJs]),
      }),
      new HtmlWebpackPlugin({
        filename: 'export.html',
        template: './src/taskpane/export.html',
        chunks: ['export-page'],
        inject: 'body',
        scriptLoading: 'defer',
      }),
      new StartCheckPlugin(),
      new CopyWebpackPlugin({ patterns: copies }),
    ],
    devServer: {
      headers: { 'Access-Control-Allow-Origin': '*' },
      server: env.WEBPACK_SERVE ? await devServerHttps() : undefined,
      port: Number(process.env.npm_package_config_dev_server_port || 3000),
      static: false,
      client: { overlay: { warnings: false, errors: true } },
    },
  };
};

module.exports.OFFICE_JS = OFFICE_JS;
module.exports.TEMPLATE_FILE = TEMPLATE_FILE;
module.exports.LEDGER_FILE = LEDGER_FILE;
module.exports.HELP_PICTURES = HELP_PICTURES;
module.exports.helpPictureCopies = helpPictureCopies;
module.exports.contentSecurityPolicy = contentSecurityPolicy;
