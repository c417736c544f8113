import { useMemo, useRef, useState, type MouseEvent } from 'react'
import { markWords } from '../../../../shared/authoring-form/highlight'
import type { AuthoringItem, AuthoringState, DraftView } from '../../../../shared/ipc-authoring'
import { useAuthoring } from '../../authoring-store'
import { useViewKeys } from '../../keyboard'
import { Button } from '../../ui/Button'
import { useToasts } from '../../ui/toast-store'
import { CheckBadge, MissingList } from './CheckBadge'

export const SUGGESTION_KEYS: [string, string][] = [
  ['j / k', 'next / previous suggestion'],
  ['a', 'accept its best draft'],
  ['e', 'edit it in the probe editor'],
  ['x', 'reject it'],
]

/**
 * The drafted checks per item: the words that decided each draft, how sure the rule is and what
 * is missing. Accept, edit or reject one (a / e / x; j / k to move), or tick several and accept
 * them at once. Main decides; this view only sends decisions and shows main's state back.
 */
export function SuggestedChecks({ state }: { state: AuthoringState }) {
  const decide = useAuthoring((s) => s.decide)
  const edit = useAuthoring((s) => s.edit)
  const editing = useAuthoring((s) => s.editing)
  const items = useMemo(() => state.items.filter((i) => i.suggestion), [state.items])
  const [cursor, setCursor] = useState<string | undefined>(undefined)
  const [ticked, setTicked] = useState<Set<string>>(() => new Set())
  const anchor = useRef<string | undefined>(undefined)
  const list = useRef<HTMLUListElement>(null)
  const current = items.find((i) => i.id === cursor) ?? items[0]

  const send = async (decisions: Parameters<typeof decide>[0]) => {
    const outcome = await decide(decisions)
    if (!outcome.ok) useToasts.getState().show({ tone: 'bad', text: outcome.message })
    return outcome.ok
  }
  const accept = (item: AuthoringItem, draft = item.suggestion?.accepted ?? 0) =>
    send([{ item: item.id, decision: 'accepted', draft }])
  const reject = (item: AuthoringItem) => send([{ item: item.id, decision: 'rejected' }])
  const undo = (item: AuthoringItem) => send([{ item: item.id, decision: 'pending' }])
  const acceptTicked = async () => {
    const chosen = items.filter((i) => ticked.has(i.id) && i.suggestion?.drafts.length)
    if (chosen.length === 0) return
    if (await send(chosen.map((i) => ({ item: i.id, decision: 'accepted' as const, draft: 0 }))))
      setTicked(new Set())
  }

  const focusRow = (id: string | undefined) => {
    setCursor(id)
    if (id)
      requestAnimationFrame(() =>
        list.current?.querySelector<HTMLElement>(`[data-item="${CSS.escape(id)}"]`)?.focus(),
      )
  }

  // The keys act on the suggestion under the cursor; never with the probe editor open.
  useViewKeys(() => {
    if (editing || !current) return null
    const at = items.indexOf(current)
    return {
      j: () => focusRow(items[Math.min(items.length - 1, at + 1)]?.id),
      k: () => focusRow(items[Math.max(0, at - 1)]?.id),
      a: () => void accept(current),
      x: () => void reject(current),
      e: () => edit(current.id, current.suggestion?.accepted ?? 0),
    }
  })

  const tick = (item: AuthoringItem, on: boolean, e: MouseEvent) => {
    const next = new Set(ticked)
    const from = anchor.current ? items.findIndex((i) => i.id === anchor.current) : -1
    const to = items.indexOf(item)
    // Shift-click ticks (or unticks) the whole range from the last one clicked.
    const range =
      e.shiftKey && from >= 0 ? items.slice(Math.min(from, to), Math.max(from, to) + 1) : [item]
    for (const i of range) {
      if (on) next.add(i.id)
      else next.delete(i.id)
    }
    anchor.current = item.id
    setTicked(next)
  }

  if (items.length === 0)
    return (
      <p className="muted empty-note">
        No suggested checks: every item of this plan had a probe, a canary or no draft when it was
        opened. Use <strong>Items</strong> to edit any item&apos;s probe.
      </p>
    )
  const pending = items.filter((i) => i.suggestion?.decision === 'pending').length
  return (
    <section aria-label="Suggested checks" className="suggestions">
      <div className="pane-toolbar">
        <span className="meta" role="status" aria-label="Suggestions pending">
          {pending} of {items.length} suggestions to decide
        </span>
        <Button
          size="sm"
          variant="primary"
          disabled={ticked.size === 0}
          onClick={() => void acceptTicked()}
        >
          Accept {ticked.size} selected
        </Button>
        <span className="meta keys-hint">
          {SUGGESTION_KEYS.map(([key, what]) => (
            <span key={key}>
              <kbd>{key}</kbd> {what}
            </span>
          ))}
        </span>
      </div>
      <ul className="suggestion-list" ref={list}>
        {items.map((item) => (
          <SuggestionRow
            key={item.id}
            item={item}
            current={item === current}
            ticked={ticked.has(item.id)}
            onFocus={() => setCursor(item.id)}
            onTick={(on, e) => tick(item, on, e)}
            onAccept={(draft) => void accept(item, draft)}
            onEdit={(draft) => edit(item.id, draft)}
            onReject={() => void reject(item)}
            onUndo={() => void undo(item)}
          />
        ))}
      </ul>
    </section>
  )
}

function SuggestionRow({
  item,
  current,
  ticked,
  onFocus,
  onTick,
  onAccept,
  onEdit,
  onReject,
  onUndo,
}: {
  item: AuthoringItem
  current: boolean
  ticked: boolean
  onFocus: () => void
  onTick: (on: boolean, e: MouseEvent) => void
  onAccept: (draft: number) => void
  onEdit: (draft: number) => void
  onReject: () => void
  onUndo: () => void
}) {
  const suggestion = item.suggestion!
  const decided = suggestion.decision !== 'pending'
  const best = suggestion.drafts[suggestion.accepted ?? 0]
  return (
    <li
      className={`suggestion${current ? ' current' : ''}`}
      data-item={item.id}
      data-decision={suggestion.decision}
      tabIndex={current ? 0 : -1}
      aria-current={current ? 'true' : undefined}
      aria-label={`${item.title} (${item.id})`}
      onFocus={(e) => e.target === e.currentTarget && onFocus()}
    >
      <div className="suggestion-head">
        <input
          type="checkbox"
          aria-label={`Select ${item.title}`}
          checked={ticked}
          disabled={decided || suggestion.drafts.length === 0}
          onChange={() => undefined}
          onClick={(e) => onTick(e.currentTarget.checked, e)}
        />
        <div className="suggestion-title">
          <strong>{best ? <Marked text={item.title} because={best.because} /> : item.title}</strong>{' '}
          <code className="meta">{item.id}</code> <span className="meta">· {item.phase}</span>
        </div>
        <CheckBadge look={suggestion.decision} label={`Suggestion ${suggestion.decision}`} />
        {suggestion.decision === 'accepted' && (
          <CheckBadge look={item.check} label={`Check ${item.check}`} />
        )}
      </div>
      {suggestion.decision === 'accepted' && <MissingList missing={item.missing} />}
      {suggestion.decision === 'pending' ? (
        <ol className="drafts" aria-label="Drafts">
          {suggestion.drafts.map((draft, index) => (
            <DraftRow
              key={index}
              draft={draft}
              title={item.title}
              notes={item.notes}
              onAccept={() => onAccept(index)}
              onEdit={() => onEdit(index)}
            />
          ))}
          {suggestion.drafts.length === 0 && <li className="muted">No draft for this item.</li>}
        </ol>
      ) : (
        <p className="suggestion-decided">
          {suggestion.decision === 'accepted' && best && (
            <>
              {ruleText(best)} ·{' '}
              <Button size="sm" variant="ghost" onClick={() => onEdit(suggestion.accepted ?? 0)}>
                Edit probe…
              </Button>
            </>
          )}
          <Button size="sm" variant="ghost" onClick={onUndo}>
            Undo {suggestion.decision === 'accepted' ? 'accept' : 'reject'}
          </Button>
        </p>
      )}
      {suggestion.decision === 'pending' && suggestion.drafts.length > 0 && (
        <div className="suggestion-actions">
          <Button size="sm" variant="ghost" onClick={onReject} aria-keyshortcuts="x">
            Reject (x)
          </Button>
        </div>
      )}
    </li>
  )
}

function DraftRow({
  draft,
  title,
  notes,
  onAccept,
  onEdit,
}: {
  draft: DraftView
  title: string
  notes: string | undefined
  onAccept: () => void
  onEdit: () => void
}) {
  const inTitle = markWords(title, draft.because).some((p) => p.marked)
  return (
    <li className="draft">
      <div className="draft-head">
        <span className="draft-rule">{ruleText(draft)}</span>
        <span className="meta" aria-label="Confidence">
          {Math.round(draft.confidence * 100)}% sure
        </span>
        <Button size="sm" variant="primary" onClick={onAccept} aria-keyshortcuts="a">
          Accept (a)
        </Button>
        <Button size="sm" onClick={onEdit} aria-keyshortcuts="e">
          Edit (e)
        </Button>
      </div>
      <p className="draft-because">
        because of{' '}
        {inTitle || !notes ? (
          <mark>{draft.because}</mark>
        ) : (
          <Marked text={notes} because={draft.because} />
        )}
      </p>
      {draft.covers && draft.covers.length > 1 && (
        <p className="meta">covers {draft.covers.join(', ')}</p>
      )}
      {draft.every && <p className="meta">run every {draft.every}</p>}
      {draft.notes && <p className="meta">{draft.notes}</p>}
      <MissingList missing={draft.missing} />
    </li>
  )
}

/** The rule in words: "http probe", "canary", "preset github.branch-protection". */
function ruleText(draft: DraftView): string {
  if (draft.rule.startsWith('preset:')) return `preset ${draft.rule.slice('preset:'.length)}`
  if (draft.rule === 'canary') return 'canary'
  return `${draft.rule} probe`
}

function Marked({ text, because }: { text: string; because: string }) {
  return (
    <>
      {markWords(text, because).map((part, i) =>
        part.marked ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>,
      )}
    </>
  )
}
