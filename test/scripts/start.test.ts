import { ChildProcess, spawn } from 'child_process';
import https from 'https';
import path from 'path';

const ROOT = path.join(__dirname, '../..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const start = require('../../scripts/start.js') as {
  plan(platform: string, debugging: string | null): { kind: string; args: string[] };
  instructions(platform: string, preview: boolean): string;
};

describe('npm start', () => {
  test('Windows and macOS with office-addin-debugging: sideload into desktop Excel', () => {
    for (const platform of ['win32', 'darwin']) {
      const p = start.plan(platform, '/x/office-addin-debugging/cli.js');
      expect(p.kind).toBe('sideload');
      expect(p.args).toEqual(['/x/office-addin-debugging/cli.js', 'start', path.join(ROOT, 'manifest.xml'), 'desktop', '--app', 'excel']);
    }
  });

  test('elsewhere, or without it: the https dev server and instructions for Excel on the web', () => {
    for (const [platform, debugging] of [
      ['linux', '/x/cli.js'],
      ['win32', null],
    ] as const) {
      const p = start.plan(platform, debugging);
      expect(p.kind).toBe('serve');
      expect(p.args.slice(1)).toEqual(['serve', '--mode', 'development']);
    }
    const text = start.instructions('linux', false);
    expect(text).toContain('上传我的加载项');
    expect(text).toContain(path.join(ROOT, 'manifest.xml'));
    expect(text).not.toContain('npm run preview');
    expect(start.instructions('linux', true)).toContain('npm run preview，然后打开 http://localhost:3001');
    expect(start.instructions('win32', false)).toContain('受信任的加载项目录');
  });
});

function get(url: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    https
      .get(url, { rejectUnauthorized: false }, (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      })
      .on('error', reject);
  });
}

describe('the dev server (as npm start runs it on Linux, without certificates in CI)', () => {
  let child: ChildProcess;
  let output = '';
  const port = 3400 + Math.floor(Math.random() * 400);

  afterAll(() => {
    if (child?.pid) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
    }
  });

  test('serves the add-in over https, functions.json with the CORS header Excel needs', async () => {
    child = spawn(process.execPath, [path.join(ROOT, 'scripts/start.js')], {
      cwd: ROOT,
      env: { ...process.env, CI: '1', npm_package_config_dev_server_port: String(port) },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    let res: Awaited<ReturnType<typeof get>> | null = null;
    for (let i = 0; i < 120 && !res; i++) {
      await new Promise((r) => setTimeout(r, 500));
      res = await get(`https://localhost:${port}/functions.json`).catch(() => null);
    }
    expect(res?.status).toBe(200);
    expect(res!.headers['access-control-allow-origin']).toBe('*');
    expect(JSON.parse(res!.body).functions.map((f: { id: string }) => f.id)).toEqual(['CHECK', 'ERRORS', 'BALANCE', 'SUMCHECK']);
    const zh = await get(`https://localhost:${port}/functions-zh-cn.json`);
    expect(zh.status).toBe(200);
    const html = await get(`https://localhost:${port}/taskpane.html`);
    expect(html.body).toContain('office-js/office.js');
    expect(output).toContain(`https://localhost:${port}/taskpane.html`);
  }, 90_000);
});
