import { useState } from 'react'
import type { AuthoringItem } from '../../../../shared/ipc-authoring'
import { asJsonObject, useAuthoring } from '../../authoring-store'
import { Button } from '../../ui/Button'

type Json = Record<string, unknown>

/** A canary's definition is edited as JSON (its form is the metrics source's, not a probe's). */
export function CanaryEditor({
  item,
  start,
  draft,
}: {
  item: AuthoringItem
  start: Json
  draft?: number
}) {
  const [text, setText] = useState(() => JSON.stringify(start, null, 2))
  const [message, setMessage] = useState<string | null>(null)
  const save = async () => {
    let parsed: Json
    try {
      parsed = JSON.parse(text) as Json
    } catch (e) {
      setMessage(`not JSON: ${e instanceof Error ? e.message : String(e)}`)
      return
    }
    const json = asJsonObject(parsed)
    if (!json.ok) {
      setMessage(json.message)
      return
    }
    const canary = json.value
    const store = useAuthoring.getState()
    if (item.suggestion?.decision === 'pending')
      await store.decide([{ item: item.id, decision: 'accepted', draft: draft ?? 0 }])
    const outcome = await store.setCheck({ item: item.id, canary })
    if (outcome.ok) store.edit(undefined)
    else
      setMessage(
        [outcome.message, ...outcome.errors.map((e) => `${e.path}: ${e.message}`)].join('\n'),
      )
  }
  return (
    <form
      aria-label="Canary"
      onSubmit={(e) => {
        e.preventDefault()
        void save()
      }}
    >
      <label className="field">
        <span className="field-label">Canary (JSON)</span>
        <textarea
          className="input code-input"
          rows={12}
          spellCheck={false}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
      </label>
      {message && (
        <p className="error" role="alert">
          {message}
        </p>
      )}
      <Button type="submit" variant="primary">
        Save canary
      </Button>
    </form>
  )
}
