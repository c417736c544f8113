// Child process for the crash test: appends bursts of events to a session log forever and
// reports each acknowledged event on stdout (synchronously, so a report is never lost in a
// buffer when the parent SIGKILLs this process mid-stream).
import { writeSync } from 'node:fs'
import { sessionStartedEvent } from '../../../src/shared/session/started'
import { PlanSchema } from '../../../src/shared/plan/schema'
import { EventLog } from '../../../src/main/session/event-log'

const [dir, mode, seedText] = process.argv.slice(2)
if (!dir || (mode !== 'create' && mode !== 'open'))
  throw new Error('usage: append-child DIR create|open SEED')

let seed = Number(seedText ?? 1)
/** Deterministic per seed, so a failing run can be replayed. */
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31
  return seed / 2 ** 31
}

const plan = PlanSchema.parse({
  name: 'Crash test',
  phases: [{ id: 'p', title: 'P', items: [{ id: 'docs', title: 'Docs' }] }],
})
const actor = { name: 'crash-test child' }
const log =
  mode === 'create'
    ? await EventLog.create(
        dir,
        sessionStartedEvent(plan, { actor, source: 'crash.yaml', version: 'test' }),
      )
    : await EventLog.open(dir)
writeSync(1, `open ${log.head.seq} ${log.report.torn?.bytes ?? 0}\n`)
if (log.readOnly) throw new Error(`opened read-only: ${JSON.stringify(log.report)}`)

for (;;) {
  const burst = 1 + Math.floor(random() * 20)
  await Promise.all(
    Array.from({ length: burst }, async () => {
      // Mostly small events, sometimes large ones, so some writes are long enough to be cut.
      const size = random() < 0.2 ? Math.floor(random() * 256 * 1024) : Math.floor(random() * 200)
      const event = await log.append({
        actor,
        type: 'item.note',
        data: { item: 'docs', text: `x${'y'.repeat(size)}` },
      })
      writeSync(1, `ack ${event.seq} ${event.hash}\n`)
    }),
  )
}
