/*
 * The pane page's first script of ours, in ES5 on purpose: it has to run where the add-in's
 * bundle cannot even be parsed. Loaded (blocking, from our own server) right after office.js.
 *
 * 1. Internet Explorer's engine (Trident). With <Runtimes> in the manifest, an Office without
 *    the WebView2 runtime runs the add-in in IE11, never in EdgeHTML ("Runtimes" manifest
 *    reference; "Browsers and webview controls used by Office Add-ins"). The bundle is ES2020:
 *    IE11 fails on its first line and the pane would stay blank. Instead: what to install.
 * 2. office.js did not load inside Office (an intranet that cannot reach the CDN the build
 *    chose, a server that does not serve office-js/): say so, and which build to use.
 *
 * Everything is written with createElement and textContent, never as HTML.
 */
(function () {
  'use strict';
  var ua = (window.navigator && window.navigator.userAgent) || '';
  var trident = /Trident\/|MSIE /.test(ua);
  var edgeHtml = /\bEdge\/\d/.test(ua);

  /* The signs office.js itself reads for an Office host (see src/preview/plain-browser.ts). */
  function insideOffice() {
    try {
      if (window.top !== window.self) return true;
      if (typeof window.agaveHost !== 'undefined') return true;
      if (window.chrome && window.chrome.webview) return true;
      if (window.webkit && window.webkit.messageHandlers) return true;
      var ext = window.external;
      if (ext && (typeof ext.GetHostInfo !== 'undefined' || typeof ext.GetContext !== 'undefined')) return true;
      if (/_host_Info|_xdm_Info/i.test(String(window.location.search) + String(window.location.hash))) return true;
      if (/hostInfo|xdmInfo|_host_Info|_xdm_Info/i.test(String(window.name))) return true;
      return false;
    } catch (e) {
      return true;
    }
  }

  function show(title, lines) {
    function draw() {
      var box = document.createElement('div');
      box.className = 'nb-start-error';
      box.setAttribute('role', 'alert');
      box.setAttribute('data-start-check', '');
      var h = document.createElement('h1');
      h.appendChild(document.createTextNode(title));
      box.appendChild(h);
      for (var i = 0; i < lines.length; i++) {
        var p = document.createElement('p');
        p.appendChild(document.createTextNode(lines[i]));
        box.appendChild(p);
      }
      var main = document.getElementsByTagName('main')[0];
      if (main) main.setAttribute('hidden', '');
      document.body.insertBefore(box, document.body.firstChild);
    }
    if (document.body) draw();
    else document.addEventListener('DOMContentLoaded', draw, false);
  }

  if (trident || edgeHtml) {
    show('需要 Microsoft Edge WebView2 运行时', [
      '当前 Office 用旧的 Internet Explorer' + (edgeHtml ? '（或旧版 Edge）' : '') + ' 内核显示加载项，本加载项无法在其中运行。',
      '请信息化管理员在这台电脑上安装 Microsoft Edge WebView2 运行时：微软“Microsoft Edge WebView2”下载页上的“常青版独立安装程序”（Evergreen Standalone Installer，x64 或 x86，与 Windows 相同），可离线安装；安装后重新启动 Excel。',
      'Excel 2016、2019 的批量许可版即使安装了 WebView2 也仍使用旧内核：请改用 Excel 2021、Microsoft 365 或网页版 Excel，或下载空白模板“年报模板.xlsx”（表格旁的校验格不需要加载项）。'
    ]);
    return;
  }

  if (typeof window.Office === 'undefined' && insideOffice()) {
    show('office.js 未能加载', [
      '加载项页面已打开，但 Office 的脚本库 office.js 没有加载，窗格和自定义函数都无法工作。',
      '如果这台电脑不能访问互联网（政务内网），请让信息化管理员用 npm run build:local 重新构建（office.js 随加载项部署在本单位服务器上）；如果用的是本地副本，请检查服务器是否提供了 office-js/ 文件夹。详见 docs/deployment.md。'
    ]);
  }
})();
