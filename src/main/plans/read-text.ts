import { readFile, stat } from 'node:fs/promises'
import type { SourceError } from '../../shared/plan/errors'
import { MAX_PLAN_BYTES } from '../../shared/plan/load'

/** Read a file as UTF-8 text with a size cap; failures become one positioned error, never a throw. */
export async function readTextFile(
  path: string,
  maxBytes = MAX_PLAN_BYTES,
): Promise<{ ok: true; text: string } | { ok: false; errors: SourceError[] }> {
  try {
    const info = await stat(path)
    if (info.isDirectory())
      return {
        ok: false,
        errors: [{ file: path, path: '', message: 'is a directory, expected a file' }],
      }
    if (info.size > maxBytes)
      return {
        ok: false,
        errors: [
          { file: path, path: '', message: `file is ${info.size} bytes; the limit is ${maxBytes}` },
        ],
      }
    return { ok: true, text: await readFile(path, 'utf8') }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    const message =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EACCES'
          ? 'permission denied'
          : `cannot read the file (${code ?? 'unknown error'})`
    return { ok: false, errors: [{ file: path, path: '', message }] }
  }
}
