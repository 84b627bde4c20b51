/** Writing the command line's output files: never replacing one unless asked to, every failure said in Chinese. */
import { promises as fs } from 'fs';
import { InputError } from './inputs';

/** Writes a new file; an existing one is replaced only with `force` (--force). */
export async function writeNewFile(out: string, data: Uint8Array, force: boolean): Promise<void> {
  try {
    await fs.writeFile(out, data, { flag: force ? 'w' : 'wx' });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new InputError(`${out}：文件已存在；如需覆盖，请加 --force`);
    if (code === 'ENOENT') throw new InputError(`${out}：所在文件夹不存在`);
    if (code === 'EACCES' || code === 'EPERM') throw new InputError(`${out}：没有写入权限`);
    if (code === 'EISDIR') throw new InputError(`${out}：是一个文件夹`);
    throw new InputError(`${out}：无法写入（${code ?? '未知错误'}）`);
  }
}
