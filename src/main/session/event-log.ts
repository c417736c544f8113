import { isAscii } from 'node:buffer'
import { hash } from 'node:crypto'
import { open, stat, type FileHandle } from 'node:fs/promises'
import { join } from 'node:path'
import {
  EMPTY_HEAD,
  sealEventLine,
  linkLines,
  settleHashes,
  type LineSource,
  type ChainHead,
  type ChainProblem,
} from '../../shared/session/chain'
import type { EventInput, SessionEvent } from '../../shared/session/events'
import { loadFastAccept } from '../../shared/fast-accept'
import { describeIoError, SessionError } from './errors'
import { isoTime } from '../../shared/time/iso'
import { fsyncDirectory } from './fs-sync'
import { startLineHashes, WORKER_THRESHOLD_BYTES } from './line-hashes'
import { acquireLock, type SessionLock } from './lock'

export const EVENTS_FILE = 'events.jsonl'

/** Node's SHA-256: several times faster than the portable one src/shared uses, for every append. */
const nativeSha256 = (text: string) => hash('sha256', text, 'hex')
/**
 * From this size on (about 2,500 events) a replay loads Ajv for its schema checks first: below it,
 * zod alone checks the whole log in less time than Ajv takes to load and compile.
 */
const FAST_ACCEPT_BYTES = 2 ** 20

export interface Clock {
  now(): number
}
export const systemClock: Clock = { now: () => Date.now() }

export interface LogOptions {
  clock?: Clock
  /**
   * Most events written by one write + fsync. The default batches everything waiting (group
   * commit); 1 gives one fsync per event (for comparison in the benchmark).
   */
  maxBatch?: number
  /** Receives the events the log starts with (see {@link EventReplay}); they are not kept. */
  replay?: EventReplay
}

/** What opening found besides the events: a torn tail cut off, or where the chain breaks. */
export interface OpenReport {
  /** Bytes after the last complete line (a crash mid-write); `repaired` when they were cut. */
  torn?: { bytes: number; repaired: boolean }
  /** The first event that does not verify; the log is then read-only. */
  problem?: ChainProblem
}

/**
 * Receives the verified events while a log opens, in order, so they can be folded as they are read
 * instead of all being kept. If a hash check that runs alongside finds an event already handed on
 * was edited, `restart` is called and the events before it are handed on again.
 */
export interface EventReplay {
  event(event: SessionEvent): void
  restart(): void
}

interface PendingAppend {
  inputs: readonly EventInput[]
  resolve: (events: SessionEvent[]) => void
  reject: (error: Error) => void
}

/**
 * The append-only, hash-chained session log (`events.jsonl`). Appends are serialized and
 * acknowledged only after fdatasync; appends that arrive while a write is in flight are batched
 * into the next single write + fsync (group commit), so a burst costs one fsync, not one each.
 */
export class EventLog {
  private queue: PendingAppend[] = []
  private flushing = false
  private flushDone: Promise<void> = Promise.resolve()
  private broken: SessionError | undefined
  private closed = false
  /** Writes (each followed by one fdatasync) and events written, for tests and benchmarks. */
  readonly stats = { writes: 0, events: 0 }

  private constructor(
    readonly dir: string,
    private readonly file: FileHandle | undefined,
    private readonly lock: SessionLock | undefined,
    private size: number,
    private headValue: ChainHead,
    readonly report: OpenReport,
    private readonly clock: Clock,
    private readonly maxBatch: number,
  ) {}

  get head(): ChainHead {
    return this.headValue
  }

  /** Read-only when opened so, or when the chain does not verify. */
  get readOnly(): boolean {
    return this.file === undefined
  }

  /** Start a new log in `dir` (which must exist) with its first event, durably. */
  static async create(dir: string, first: EventInput, options: LogOptions = {}): Promise<EventLog> {
    const lock = await acquireLock(dir)
    const path = join(dir, EVENTS_FILE)
    let file: FileHandle
    try {
      file = await open(path, 'wx')
    } catch (e) {
      await lock.release()
      throw new SessionError(
        (e as NodeJS.ErrnoException).code === 'EEXIST' ? 'exists' : 'io',
        `${path}: cannot create the session log: ${(e as NodeJS.ErrnoException).code === 'EEXIST' ? 'it already exists' : describeIoError(e)}`,
      )
    }
    const log = new EventLog(
      dir,
      file,
      lock,
      0,
      EMPTY_HEAD,
      {},
      options.clock ?? systemClock,
      options.maxBatch ?? Infinity,
    )
    try {
      const sealed = await log.append(first)
      options.replay?.event(sealed)
      // The new file's directory entry must survive a crash too.
      await fsyncDirectory(dir)
    } catch (e) {
      await log.close()
      throw e
    }
    return log
  }

  /**
   * Open and verify an existing log. A torn last line is reported and, unless read-only, cut off
   * (nothing in it was acknowledged). A chain that does not verify opens read-only with the problem.
   */
  static async open(
    dir: string,
    options: LogOptions & { readOnly?: boolean } = {},
  ): Promise<EventLog> {
    const path = join(dir, EVENTS_FILE)
    if (!(await isFile(path)))
      throw new SessionError('missing', `${dir}: no session here (${EVENTS_FILE} not found)`)
    const lock = options.readOnly ? undefined : await acquireLock(dir)
    let file: FileHandle | undefined
    try {
      file = await open(path, options.readOnly ? 'r' : 'r+')
      const bytes = await readAll(file)
      const complete = bytes.lastIndexOf(0x0a) + 1
      if (complete >= FAST_ACCEPT_BYTES) await loadFastAccept()
      const tornBytes = bytes.length - complete
      const lines = new ByteLines(bytes, complete)
      const hashing = startLineHashes(bytes, complete)
      const replay = options.replay
      const links = linkLines(lines, (event) => replay?.event(event))
      const hashes = await hashing.hashes().catch((e: unknown) => {
        throw new SessionError(
          'io',
          `${path}: cannot verify the session log: ${e instanceof Error ? e.message : String(e)}`,
        )
      })
      const chain = settleHashes(lines, links, hashes)
      if (replay && chain.count < links.count) {
        // An event already replayed failed its hash: replay again, up to it.
        replay.restart()
        linkLines(lines, (event) => replay.event(event), chain.count)
      }
      const report: OpenReport = {}
      if (chain.problem) report.problem = chain.problem
      const writable = !options.readOnly && !chain.problem
      if (tornBytes > 0) {
        if (writable) {
          await file.truncate(complete)
          await file.datasync()
        }
        report.torn = { bytes: tornBytes, repaired: writable }
      }
      if (!writable) {
        await file.close()
        file = undefined
        await lock?.release()
      }
      return new EventLog(
        dir,
        file,
        writable ? lock : undefined,
        complete,
        chain.head,
        report,
        options.clock ?? systemClock,
        options.maxBatch ?? Infinity,
      )
    } catch (e) {
      await file?.close().catch(() => undefined)
      await lock?.release()
      // Errors without an errno code are not I/O: the replay's own (a log that is not a session).
      if (e instanceof SessionError || (e as NodeJS.ErrnoException).code === undefined) throw e
      const missing = (e as NodeJS.ErrnoException).code === 'ENOENT'
      throw new SessionError(
        missing ? 'missing' : 'io',
        missing
          ? `${dir}: no session here (${EVENTS_FILE} not found)`
          : `${path}: cannot open the session log: ${describeIoError(e)}`,
      )
    }
  }

  append(input: EventInput): Promise<SessionEvent> {
    return this.appendAll([input]).then((events) => events[0] as SessionEvent)
  }

  /** Throws the reason this log cannot take appends (closed, read-only, broken), if any. */
  assertWritable(): void {
    if (this.closed) throw new SessionError('io', `${this.dir}: the session is closed`)
    if (this.readOnly) {
      const why = this.report.problem
        ? `the log does not verify at seq ${this.report.problem.seq} (${this.report.problem.message})`
        : 'it was opened read-only'
      throw new SessionError('read-only', `${this.dir}: cannot append: ${why}`, this.report.problem)
    }
    if (this.broken) throw this.broken
  }

  /** Append several events atomically: all of them are acknowledged together, or none is. */
  appendAll(inputs: readonly EventInput[]): Promise<SessionEvent[]> {
    try {
      this.assertWritable()
    } catch (e) {
      return Promise.reject(e as Error)
    }
    if (inputs.length === 0) return Promise.resolve([])
    return new Promise((resolve, reject) => {
      this.queue.push({ inputs, resolve, reject })
      this.flush()
    })
  }

  /** Wait for pending appends, then release the file and the writer lock. */
  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    await this.flushDone
    await this.file?.close()
    await this.lock?.release()
  }

  /** Start draining the queue unless a drain is already running; it picks up new arrivals. */
  private flush(): void {
    if (this.flushing) return
    this.flushing = true
    this.flushDone = (async () => {
      try {
        while (this.queue.length > 0) await this.writeBatch(this.takeBatch())
      } finally {
        this.flushing = false
      }
    })()
  }

  private takeBatch(): PendingAppend[] {
    const batch: PendingAppend[] = []
    let count = 0
    while (this.queue.length > 0) {
      const next = this.queue[0] as PendingAppend
      if (batch.length > 0 && count + next.inputs.length > this.maxBatch) break
      batch.push(next)
      count += next.inputs.length
      this.queue.shift()
    }
    return batch
  }

  private async writeBatch(batch: PendingAppend[]): Promise<void> {
    const file = this.file as FileHandle
    if (this.broken) {
      for (const p of batch) p.reject(this.broken)
      return
    }
    let head = this.headValue
    const sealedPer: SessionEvent[][] = []
    const accepted: PendingAppend[] = []
    const chunks: string[] = []
    for (const pending of batch) {
      try {
        const time = isoTime(this.clock.now())
        let h = head
        const lines: string[] = []
        const sealed = pending.inputs.map((input) => {
          const { event, line } = sealEventLine(input, h, time, nativeSha256)
          h = { seq: event.seq, hash: event.hash }
          lines.push(line + '\n')
          return event
        })
        // Only once every event of the append sealed: it is written whole or not at all.
        chunks.push(...lines)
        sealedPer.push(sealed)
        accepted.push(pending)
        head = h
      } catch (e) {
        // One bad event (say, a NaN in its data) fails its own append, not the batch.
        pending.reject(
          new SessionError('io', `cannot append: ${e instanceof Error ? e.message : String(e)}`),
        )
      }
    }
    if (accepted.length === 0) return
    const buffer = Buffer.from(chunks.join(''), 'utf8')
    try {
      let written = 0
      while (written < buffer.length) {
        const { bytesWritten } = await file.write(
          buffer,
          written,
          buffer.length - written,
          this.size + written,
        )
        written += bytesWritten
      }
      await file.datasync()
    } catch (e) {
      const error = new SessionError(
        'io',
        `${this.dir}: cannot write the session log: ${describeIoError(e)}`,
      )
      // Nothing in this batch is acknowledged; cut it back off so the chain on disk stays whole.
      try {
        await file.truncate(this.size)
        await file.datasync()
      } catch {
        this.broken = new SessionError(
          'io',
          `${this.dir}: the session log could not be repaired after a failed write; reopen the session`,
        )
      }
      for (const p of accepted) p.reject(error)
      return
    }
    this.size += buffer.length
    this.headValue = head
    this.stats.writes++
    this.stats.events += chunks.length
    accepted.forEach((p, i) => {
      p.resolve(sealedPer[i] as SessionEvent[])
    })
  }
}

/** The whole file; a big one into shared memory, so a worker can hash it without a copy. */
async function readAll(file: FileHandle): Promise<Uint8Array> {
  const { size } = await file.stat()
  if (size < WORKER_THRESHOLD_BYTES) return file.readFile()
  const bytes = new Uint8Array(new SharedArrayBuffer(size))
  let read = 0
  while (read < size) {
    const { bytesRead } = await file.read(bytes, read, size - read, read)
    if (bytesRead === 0) break
    read += bytesRead
  }
  return bytes.subarray(0, read)
}

/**
 * The complete lines of `bytes[0, complete)`, decoded when asked for: replay reads each once and
 * lets it go, so 100,000 lines never sit in the heap together. An all-ASCII line is decoded as
 * Latin-1 (the same characters, several times faster than UTF-8 decoding, and a one-byte string,
 * which JSON.parse reads faster). Whether the whole log is ASCII (GoNoGo writes non-ASCII text as
 * itself, but most logs have none) is checked once; only a log that is not checks line by line.
 */
class ByteLines implements LineSource {
  private readonly starts: number[] = []
  private readonly buffer: Buffer
  private readonly allAscii: boolean

  constructor(bytes: Uint8Array, complete: number) {
    this.buffer = Buffer.from(bytes.buffer, bytes.byteOffset, complete)
    this.allAscii = isAscii(this.buffer)
    // `complete` ends with a newline, so every line found here has one.
    for (let start = 0; start < complete;) {
      this.starts.push(start)
      const end = this.buffer.indexOf(0x0a, start)
      start = end < 0 ? complete : end + 1
    }
    this.starts.push(complete)
  }

  get count(): number {
    return this.starts.length - 1
  }

  line(index: number): string {
    const start = this.starts[index]
    const next = this.starts[index + 1]
    if (start === undefined || next === undefined) return ''
    // Decoded straight from the log's buffer, without a view object per line.
    if (this.allAscii) return this.buffer.toString('latin1', start, next - 1)
    const line = this.buffer.subarray(start, next - 1)
    return line.toString(isAscii(line) ? 'latin1' : 'utf8')
  }
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile()
  } catch {
    return false
  }
}
