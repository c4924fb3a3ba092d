/**
 * Reading inputs and writing outputs for the `court-widgets` commands: UTF-8 input only,
 * outputs replaced whole or not at all, and output paths checked before any work.
 */
import { chmod, mkdir, open, readFile, realpath, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';

/** Thrown by `readUtf8` for bytes that are not UTF-8. */
export class NotUtf8Error extends Error {
  constructor() {
    super('is not UTF-8 text; save the file as UTF-8 (in Notepad: 另存为, 编码 UTF-8)');
  }
}

/**
 * Reads a text file that must be UTF-8 (a UTF-8 byte order mark is dropped). Bytes in any
 * other encoding, such as GBK from a Notepad “ANSI” file, throw `NotUtf8Error` instead of
 * turning into U+FFFD characters.
 */
export async function readUtf8(path: string): Promise<string> {
  const bytes = await readFile(path);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new NotUtf8Error();
  }
}

const reasons: Record<string, string> = {
  EISDIR: 'it is a folder',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EEXIST: 'a part of the path is a file, not a folder',
  ENOSPC: 'no space left on the disk',
  EDQUOT: 'the disk quota is used up',
  EFBIG: 'the file is larger than the file system or the process allows',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENAMETOOLONG: 'the name is too long',
};

/** A short reason for a failed read or write, with the error code: `no space left on the disk (ENOSPC)`. */
export function fileErrorReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code && reasons[code]) return `${reasons[code]} (${code})`;
  return code ?? (error as Error | undefined)?.message ?? String(error);
}

/**
 * Writes `data` to `path` whole or not at all: into a temporary file beside it, which is
 * flushed to the disk and then renamed over the target. A failure (disk full, a folder in
 * the way, the process killed) leaves the previous file, if any, as it was and no partial
 * file; the temporary file is removed. Missing folders are created. An existing target keeps
 * its permissions, and a symbolic link is written through, as a plain write would.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const target = await realpath(path).catch(() => resolve(path));
  const dir = dirname(target);
  await mkdir(dir, { recursive: true });
  const previous = await stat(target).catch(() => undefined);
  if (previous?.isDirectory()) throw Object.assign(new Error(`EISDIR: illegal operation on a directory, open '${path}'`), { code: 'EISDIR' });
  const temp = join(dir, `.${basename(target).slice(0, 40)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const file = await open(temp, 'wx');
    try {
      await file.writeFile(data);
      // On the disk before the rename: after a power cut the target is the old file or the
      // new one, never an empty one (as some file systems leave a renamed unsynced file).
      await file.sync();
    } finally {
      await file.close();
    }
    if (previous) await chmod(temp, previous.mode & 0o7777);
    await rename(temp, target);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}

/**
 * Checks, before any work, that an output path can be what the command needs: a folder
 * (`kind: 'folder'`) or a file. Resolves to a message naming the option when the path, or
 * a folder above it, is the wrong kind (`--out site.html is a file, not a folder`), which
 * the command reports as a usage error; else to undefined.
 */
export async function outputPathProblem(option: string, path: string, kind: 'file' | 'folder'): Promise<string | undefined> {
  const info = await stat(path).catch(() => undefined);
  if (info) {
    if (kind === 'folder' && !info.isDirectory()) return `${option} ${path} is a file, not a folder`;
    if (kind === 'file' && info.isDirectory()) return `${option} ${path} is a folder; give a file name`;
    return undefined;
  }
  // The nearest existing folder above it must be a folder, so that the rest can be created.
  let above = dirname(path);
  for (;;) {
    const found = await stat(above).catch(() => undefined);
    if (found) {
      return found.isDirectory() ? undefined : `${option} ${path}: ${above} is a file, not a folder`;
    }
    const next = dirname(above);
    if (next === above) return undefined;
    above = next;
  }
}
