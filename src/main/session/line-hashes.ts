import { hash } from 'node:crypto'
import { Worker } from 'node:worker_threads'
import type { LineHashes } from '../../shared/session/chain'

/**
 * Hashing every line is the costliest part of opening a long session log. For a big log it runs
 * on a worker thread over the raw bytes, at the same time as the main thread parses and folds the
 * lines; a small log is not worth a thread's start-up.
 */
export const WORKER_THRESHOLD_BYTES = 4 * 2 ** 20

/** Marks a line whose text is not laid out canonically (64 chars, never a hex digest). */
const NOT_CANONICAL = '-'.repeat(64)

/**
 * Run here for a small log and on the worker for a big one. It must stand alone (the worker runs it
 * from source text, so it works the same in the built app, the CLI and tests): for each `\n`-terminated line of `bytes[0, length)`, the SHA-256 of
 * the line without its top-level `,"hash":"<64 hex>"` member — the last such member, as in
 * `lineHash` in src/shared/session/chain.ts — as hex, all concatenated.
 */
function hashLinesOfBytes(bytes: Uint8Array, length: number, digest: typeof hash): string {
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, length)
  const member = Buffer.from(',"hash":"')
  const notCanonical = '-'.repeat(64)
  let scratch = Buffer.alloc(64 * 1024)
  const out: string[] = []
  let start = 0
  while (start < length) {
    const end = data.indexOf(10, start)
    if (end < 0) break
    // Searched within the line only, so a line without the member costs its length, not the log's.
    const line = data.subarray(start, end)
    const at = line.lastIndexOf(member)
    const after = at + member.length + 64
    if (at < 0 || after >= line.length || line[after] !== 0x22) out.push(notCanonical)
    else {
      const size = line.length - (after + 1 - at)
      if (scratch.length < size) scratch = Buffer.alloc(size * 2)
      line.copy(scratch, 0, 0, at)
      line.copy(scratch, at, after + 1)
      out.push(digest('sha256', scratch.subarray(0, size), 'hex'))
    }
    start = end + 1
  }
  return out.join('')
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const { hash } = require('node:crypto')
${hashLinesOfBytes.toString()}
parentPort.postMessage(
  ${hashLinesOfBytes.name}(new Uint8Array(workerData.buffer), workerData.length, hash),
)
`

/** Per-line hashes out of the concatenated hex that {@link hashLinesOfBytes} returns. */
function byLine(joined: string): LineHashes {
  return (index) => {
    const digest = joined.slice(index * 64, index * 64 + 64)
    return digest === NOT_CANONICAL || digest.length < 64 ? undefined : digest
  }
}

/**
 * Start hashing the complete lines in `bytes[0, length)`: on a worker thread when the bytes are
 * shared (a SharedArrayBuffer) and the log is big enough, otherwise here, from the same bytes.
 */
export function startLineHashes(
  bytes: Uint8Array,
  length: number,
): { hashes: () => Promise<LineHashes> } {
  if (!(bytes.buffer instanceof SharedArrayBuffer) || length < WORKER_THRESHOLD_BYTES)
    return { hashes: async () => byLine(hashLinesOfBytes(bytes, length, hash)) }
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { buffer: bytes.buffer, length },
  })
  const done = new Promise<string>((resolve, reject) => {
    worker.once('message', (joined: string) => resolve(joined))
    worker.once('error', reject)
    worker.once('exit', (code) => reject(new Error(`line hashing stopped (exit code ${code})`)))
  }).finally(() => void worker.terminate())
  return { hashes: async () => byLine(await done) }
}
