/** Runs the real `nianbao` command (bin/nianbao.js, compiled by test/setup/build-cli.js) in a scratch folder. */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const BIN = path.resolve(__dirname, '../../bin/nianbao.js');

export interface CliSandbox {
  dir: string;
  run(...args: string[]): { code: number | null; out: string; err: string };
  /** Writes a file into the folder and returns its name. */
  file(name: string, data: string | Buffer): string;
  remove(): void;
}

export function cliSandbox(prefix: string): CliSandbox {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `nianbao-${prefix}-`));
  return {
    dir,
    run: (...args) => {
      const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8' });
      return { code: r.status, out: r.stdout, err: r.stderr };
    },
    file: (name, data) => {
      fs.writeFileSync(path.join(dir, name), data);
      return name;
    },
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
