import { useEffect, useState } from 'react'
import type { ActivityEntryView } from '../../../../shared/ipc'
import type { ActivityKind } from '../../../../shared/session/activity'
import { api } from '../../api'
import { errorMessage } from '../../error-message'
import { useSession } from '../../session-store'
import { Button } from '../../ui/Button'
import { Field, Input, Select } from '../../ui/Field'
import { ItemLink } from '../ItemLink'

const FILTERS: { id: string; label: string; kinds?: ActivityKind[] }[] = [
  { id: 'all', label: 'everything' },
  { id: 'people', label: 'marks, waivers, notes', kinds: ['mark', 'waive', 'note', 'evidence'] },
  { id: 'probes', label: 'probe runs', kinds: ['probe'] },
  { id: 'canary', label: 'canary', kinds: ['canary'] },
  { id: 'signoffs', label: 'sign-offs and decisions', kinds: ['signoff', 'decision', 'session'] },
]

const PAGE = 100
const time = (iso: string) => new Date(iso).toLocaleTimeString()

/** The session's timeline from its log: who did what, when; filterable, newest first. */
export function Activity() {
  const events = useSession((s) => s.view?.events ?? 0)
  const [filter, setFilter] = useState('all')
  const [query, setQuery] = useState('')
  const [entries, setEntries] = useState<ActivityEntryView[]>([])
  const [total, setTotal] = useState(0)
  const [next, setNext] = useState<number | undefined>()
  const [older, setOlder] = useState<ActivityEntryView[]>([])
  const [problem, setProblem] = useState<string | null>(null)
  const kinds = FILTERS.find((f) => f.id === filter)?.kinds
  useEffect(() => {
    let current = true
    api()
      .sessionActivity({ limit: PAGE, ...(kinds && { kinds }), ...(query.trim() && { query }) })
      .then((page) => {
        if (!current) return
        if (!page.ok) return setProblem(page.message)
        setProblem(null)
        setEntries(page.entries)
        setTotal(page.total)
        setNext(page.next)
        setOlder([])
      })
      .catch((e: unknown) => current && setProblem(errorMessage(e)))
    return () => {
      current = false
    }
  }, [events, kinds, query])
  const loadOlder = async () => {
    const before = older.at(-1)?.seq ?? next
    if (before === undefined) return
    const page = await api().sessionActivity({
      limit: PAGE,
      before,
      ...(kinds && { kinds }),
      ...(query.trim() && { query }),
    })
    if (page.ok) {
      setOlder([...older, ...page.entries])
      setNext(page.next)
    }
  }
  const shown = [...entries, ...older]
  return (
    <div className="activity" role="region" aria-label="Activity">
      <div className="pane-toolbar">
        <Field label="Show" inline>
          <Select
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            aria-label="Activity filter"
          >
            {FILTERS.map((f) => (
              <option key={f.id} value={f.id}>
                {f.label}
              </option>
            ))}
          </Select>
        </Field>
        <Input
          type="search"
          aria-label="Search activity"
          placeholder="Who, item or words"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <span className="meta" role="status" aria-label="Activity shown">
          {shown.length} of {total}
        </span>
      </div>
      {problem && <p className="muted">{problem}</p>}
      <ol className="timeline" aria-label="Timeline">
        {shown.map((e) => (
          <li key={e.seq} className={`event kind-${e.kind}`} data-kind={e.kind}>
            <time dateTime={e.at}>{time(e.at)}</time>
            <span className="event-kind">{e.kind}</span>
            <span className="event-actor">
              {e.actor}
              {e.role && <span className="muted"> · {e.role}</span>}
            </span>
            <span className="event-text" title={e.text}>
              {e.item ? <ItemLink item={e.item}>{e.text}</ItemLink> : e.text}
            </span>
          </li>
        ))}
      </ol>
      {next !== undefined && (
        <Button size="sm" onClick={() => void loadOlder()}>
          Load older
        </Button>
      )}
    </div>
  )
}
