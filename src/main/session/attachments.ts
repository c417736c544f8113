import { createHash, randomBytes } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { mkdir, open, rename, stat, unlink } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { describeIoError, SessionError } from './errors'
import { fsyncDirectory } from './fs-sync'

export const ATTACHMENTS_DIR = 'attachments'
export const MAX_ATTACHMENT_BYTES = 100 * 1024 * 1024

export interface StoredAttachment {
  sha256: string
  name: string
  size: number
}

/**
 * Copy an evidence file into the session, named by its SHA-256 (so the log refers to content, and
 * the same file attached twice is stored once). Durable before it returns: the event that refers
 * to it is appended only afterwards.
 */
export async function storeAttachment(
  sessionDir: string,
  source: string,
): Promise<StoredAttachment> {
  const info = await stat(source).catch((e: unknown) => {
    throw new SessionError('io', `${source}: cannot attach: ${describeIoError(e)}`)
  })
  if (!info.isFile()) throw new SessionError('io', `${source}: cannot attach: not a regular file`)
  if (info.size > MAX_ATTACHMENT_BYTES)
    throw new SessionError(
      'io',
      `${source}: cannot attach: ${info.size} bytes; the limit is ${MAX_ATTACHMENT_BYTES}`,
    )
  const dir = await attachmentsDir(sessionDir)
  const temp = join(dir, `.incoming-${randomBytes(6).toString('hex')}`)
  const hash = createHash('sha256')
  let size = 0
  const out = await open(temp, 'wx')
  try {
    for await (const chunk of createReadStream(source)) {
      const bytes = chunk as Buffer
      hash.update(bytes)
      size += bytes.length
      await out.write(bytes)
    }
    await out.sync()
  } catch (e) {
    await out.close().catch(() => undefined)
    await unlink(temp).catch(() => undefined)
    throw new SessionError('io', `${source}: cannot attach: ${describeIoError(e)}`)
  }
  await out.close()
  const sha256 = hash.digest('hex')
  await rename(temp, join(dir, sha256))
  await fsyncDirectory(dir)
  return { sha256, name: basename(source), size }
}

/**
 * Store bytes (say, a probe's evidence) as an attachment named by their SHA-256, durably, before
 * the event that refers to them is appended. Content already stored is not written again.
 */
export async function storeBytes(
  sessionDir: string,
  bytes: Uint8Array,
): Promise<{ sha256: string; size: number }> {
  const sha256 = createHash('sha256').update(bytes).digest('hex')
  const dir = await attachmentsDir(sessionDir)
  const path = join(dir, sha256)
  if (
    await stat(path).then(
      (s) => s.size === bytes.length,
      () => false,
    )
  )
    return { sha256, size: bytes.length }
  const temp = join(dir, `.incoming-${randomBytes(6).toString('hex')}`)
  try {
    await writeDurably(temp, bytes)
    await rename(temp, path)
    await fsyncDirectory(dir)
  } catch (e) {
    await unlink(temp).catch(() => undefined)
    throw new SessionError('io', `${sessionDir}: cannot store evidence: ${describeIoError(e)}`)
  }
  return { sha256, size: bytes.length }
}

async function writeDurably(path: string, bytes: Uint8Array): Promise<void> {
  const out = await open(path, 'wx')
  try {
    await out.writeFile(bytes)
    await out.sync()
  } finally {
    await out.close()
  }
}

/** attachments/ in a session, created on first use (and then itself made durable). */
async function attachmentsDir(sessionDir: string): Promise<string> {
  const dir = join(sessionDir, ATTACHMENTS_DIR)
  if (await mkdir(dir, { recursive: true })) await fsyncDirectory(sessionDir)
  return dir
}
