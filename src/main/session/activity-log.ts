import { open } from 'node:fs/promises'
import { join } from 'node:path'
import { StringDecoder } from 'node:string_decoder'
import { activityEntry, type ActivityEntry } from '../../shared/session/activity'
import { SessionEventSchema } from '../../shared/session/events'
import { EVENTS_FILE } from './event-log'

const CHUNK_BYTES = 1024 * 1024

/**
 * A session's activity timeline, read from its event log on disk as it grows: only the bytes
 * appended since the last read are parsed, and only events the log has verified and acknowledged
 * (up to `upTo`) are shown. Keeps short entries, not events.
 */
export class ActivityLog {
  private readonly file: string
  private offset = 0
  private readonly decoder = new StringDecoder('utf8')
  /** Text after the last complete line. */
  private partial = ''
  /** Complete lines read but not shown yet (past `upTo` when they were read). */
  private waiting: string[] = []
  readonly entries: ActivityEntry[] = []

  constructor(readonly dir: string) {
    this.file = join(dir, EVENTS_FILE)
  }

  private get last(): number {
    return this.entries.at(-1)?.seq ?? 0
  }

  /** Read what was appended since the last call and show the events up to the one numbered `upTo`. */
  async refresh(upTo: number): Promise<void> {
    if (this.last >= upTo) return
    const handle = await open(this.file, 'r')
    try {
      const buffer = Buffer.alloc(CHUNK_BYTES)
      for (;;) {
        const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, this.offset)
        if (bytesRead === 0) break
        this.offset += bytesRead
        const lines = (this.partial + this.decoder.write(buffer.subarray(0, bytesRead))).split('\n')
        this.partial = lines.pop() ?? ''
        this.waiting.push(...lines)
      }
    } finally {
      await handle.close()
    }
    let used = 0
    for (const line of this.waiting) {
      if (!line.trim()) {
        used++
        continue
      }
      const parsed = SessionEventSchema.safeParse(parseJson(line))
      if (parsed.success && parsed.data.seq > upTo) break
      used++
      if (parsed.success && parsed.data.seq > this.last)
        this.entries.push(activityEntry(parsed.data))
    }
    this.waiting = this.waiting.slice(used)
  }
}

function parseJson(line: string): unknown {
  try {
    return JSON.parse(line)
  } catch {
    return undefined
  }
}
