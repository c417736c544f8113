import { hash } from 'node:crypto'
import { availableParallelism, loadavg } from 'node:os'
import { Worker } from 'node:worker_threads'
import type { LineHashes } from '../../shared/session/chain'

/**
 * Hashing every line is the costliest part of opening a long session log. For a big log it runs
 * on a worker thread over the raw bytes, at the same time as the main thread parses and folds the
 * lines; a small log is not worth a thread's start-up. With one CPU to run on (as under
 * `taskset`) the worker would only take turns with the main thread and add its start-up: then
 * the main thread hashes inline. On a shared machine with more CPUs the scheduler shares them out
 * by thread, so a second thread still gets the process more CPU while the load is moderate
 * (2 cores, 100,000 events: at load 3.6-5 the worker gave 2.0-2.3x JSON.parse against 2.2-2.9x
 * inline); only a machine loaded several times over makes its start-up cost more than it brings
 * (at load 13: inline 2.4 s, worker 2.7 s).
 */
export const WORKER_THRESHOLD_BYTES = 4 * 2 ** 20

/** Marks a line whose text is not laid out canonically (64 chars, never a hex digest). */
const NOT_CANONICAL = '-'.repeat(64)

/**
 * Run here for a small log and on the worker for a big one. It must stand alone (the worker runs it
 * from source text, so it works the same in the built app, the CLI and tests): for each `\n`-terminated line of `bytes[from, to)`, the SHA-256 of
 * the line without its top-level `,"hash":"<64 hex>"` member — the last such member, as in
 * `lineHash` in src/shared/session/chain.ts — as hex, one per line.
 */
function hashLinesOfBytes(
  bytes: Uint8Array,
  from: number,
  to: number,
  digest: typeof hash,
): string[] {
  // The lines are copied a window at a time into one reused buffer, and each line's hash member is
  // cut out there in place (the bytes after it moved over it): no copy or view per line besides
  // the one hashed, and no fresh memory to fault in for a big log.
  const source = Buffer.from(bytes.buffer, bytes.byteOffset, to)
  const member = Buffer.from(',"hash":"')
  const notCanonical = '-'.repeat(64)
  let window = Buffer.allocUnsafeSlow(256 * 1024)
  const out: string[] = []
  let at0 = from
  while (at0 < to) {
    const size = Math.min(window.length, to - at0)
    source.copy(window, 0, at0, at0 + size)
    const data = window.subarray(0, size)
    let start = 0
    for (;;) {
      const end = data.indexOf(10, start)
      if (end < 0) break
      // The last member in the line, searched back from its end in a view of the line alone:
      // a line without one costs its own length, never the rest of the log.
      const found = data.subarray(start, end).lastIndexOf(member)
      const at = found < 0 ? -1 : start + found
      const after = at + member.length + 64
      if (at < 0 || after >= end || data[after] !== 0x22) out.push(notCanonical)
      else {
        data.copyWithin(at, after + 1, end)
        out.push(digest('sha256', data.subarray(start, end - (after + 1 - at)), 'hex'))
      }
      start = end + 1
    }
    if (start === 0) {
      // No whole line in the window: a longer line than it holds, or the unterminated end.
      if (size < window.length) break
      window = Buffer.allocUnsafeSlow(window.length * 2)
      continue
    }
    at0 += start
  }
  return out
}

// The worker takes chunks from the first on, each claimed in `claims` (shared with the main thread,
// which takes them from the last on once it has parsed the log), and stops at the first chunk the
// main thread already has: on a busy machine the work goes to whichever thread gets the CPU.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const { hash } = require('node:crypto')
${hashLinesOfBytes.toString()}
const bytes = new Uint8Array(workerData.buffer, workerData.offset, workerData.length)
const claims = new Int32Array(workerData.claims)
const bounds = workerData.bounds
const done = {}
for (let i = 0; i < bounds.length - 1; i++) {
  if (Atomics.compareExchange(claims, i, 0, 1) !== 0) break
  done[i] = ${hashLinesOfBytes.name}(bytes, bounds[i], bounds[i + 1], hash).join('')
}
parentPort.postMessage(done)
`

/**
 * Whether another thread of ours would get CPU time worth its start-up: more than one CPU in
 * this process's affinity (libuv reads it), and a last-minute load average (which counts this
 * process) of at most twice the CPUs.
 */
function workerPaysOff(): boolean {
  const cpus = availableParallelism()
  return cpus >= 2 && loadavg()[0]! <= 2 * cpus
}

/** Chunk boundaries: about `size` bytes each, every one ending just after a newline. */
function chunkBounds(bytes: Uint8Array, length: number, size: number): number[] {
  const bounds = [0]
  let at = 0
  while (at < length) {
    const end = bytes.indexOf(10, Math.min(at + size, length) - 1)
    at = end < 0 || end >= length ? length : end + 1
    bounds.push(at)
  }
  return bounds
}

/** About 1,000 lines of a typical log: small enough to share well, big enough to cost nothing to claim. */
const CHUNK_BYTES = 512 * 1024

/** Per-line hashes out of hex digests concatenated (the worker sends each chunk's as one string). */
function byLine(joined: string): LineHashes {
  return (index) => {
    const digest = joined.slice(index * 64, index * 64 + 64)
    return digest === NOT_CANONICAL || digest.length < 64 ? undefined : digest
  }
}

/** Per-line hashes out of the digests {@link hashLinesOfBytes} returns, without joining them. */
function byIndex(digests: readonly string[]): LineHashes {
  return (index) => {
    const digest = digests[index]
    return digest === NOT_CANONICAL ? undefined : digest
  }
}

/**
 * Start hashing the complete lines in `bytes[0, length)`: on a worker thread (sharing the chunks
 * with this one) when the bytes are shared (a SharedArrayBuffer), the log is big enough and a core
 * would pay off (`worker`, decided by {@link workerPaysOff} unless a test says); otherwise here.
 */
export function startLineHashes(
  bytes: Uint8Array,
  length: number,
  worker = workerPaysOff(),
): { hashes: () => Promise<LineHashes> } {
  if (!(bytes.buffer instanceof SharedArrayBuffer) || length < WORKER_THRESHOLD_BYTES || !worker)
    return { hashes: async () => byIndex(hashLinesOfBytes(bytes, 0, length, hash)) }
  const bounds = chunkBounds(bytes, length, CHUNK_BYTES)
  const chunks = bounds.length - 1
  const claims = new Int32Array(new SharedArrayBuffer(4 * chunks))
  const thread = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      buffer: bytes.buffer,
      offset: bytes.byteOffset,
      length,
      claims: claims.buffer,
      bounds,
    },
  })
  const theirs = new Promise<Record<number, string>>((resolve, reject) => {
    thread.once('message', resolve)
    thread.once('error', reject)
    thread.once('exit', (code) => reject(new Error(`line hashing stopped (exit code ${code})`)))
  }).finally(() => void thread.terminate())
  return {
    hashes: async () => {
      const parts: string[] = []
      let first = chunks
      while (first > 0 && Atomics.compareExchange(claims, first - 1, 0, 2) === 0) {
        first--
        parts[first] = hashLinesOfBytes(bytes, bounds[first]!, bounds[first + 1]!, hash).join('')
      }
      if (first === 0) {
        // All done here (the worker never got the CPU): it has nothing left to report.
        theirs.catch(() => undefined)
        void thread.terminate()
      } else {
        const done = await theirs
        for (let i = 0; i < first; i++) parts[i] = done[i] ?? ''
      }
      return byLine(parts.join(''))
    },
  }
}
