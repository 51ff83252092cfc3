import { randomBytes } from 'node:crypto';
import { rename, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Write a file so readers see the old content or the new, never half of it: write a temporary file
 * beside the target, then rename it over the target (atomic on one file system). Only a regular
 * file is ever replaced: renaming over `/dev/null` (as root) would put a plain file in its place,
 * so a device, pipe, socket or directory is refused (EISDIR, or ENOTREG: nicvirt's own code) before anything is written.
 */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const existing = await stat(path).catch(() => undefined);
  if (existing !== undefined && !existing.isFile()) {
    const what = existing.isDirectory() ? 'a directory' : 'not a regular file (a device, pipe or socket)';
    throw Object.assign(new Error(`${path} is ${what}`), {
      code: existing.isDirectory() ? 'EISDIR' : 'ENOTREG',
    });
  }
  const temporary = join(
    dirname(path),
    `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  try {
    await writeFile(temporary, text, 'utf8');
    await rename(temporary, path);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}
