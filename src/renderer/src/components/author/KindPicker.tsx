import { useState } from 'react'
import { PROBE_KINDS } from '../../../../shared/authoring-form/fields'
import type { PresetInfo } from '../../../../shared/ipc-authoring'
import type { ProbeKind } from '../../../../shared/plan/probes'
import { Button } from '../../ui/Button'
import { Input } from '../../ui/Field'

/** Kinds first, then presets; typing filters both (by id, title, provider or description). */
export function KindPicker({
  kind,
  presetId,
  presets,
  onKind,
  onPreset,
}: {
  kind: ProbeKind
  presetId: string
  presets: PresetInfo[]
  onKind: (kind: ProbeKind) => void
  onPreset: (preset: PresetInfo) => void
}) {
  const [query, setQuery] = useState('')
  const words = query.toLowerCase().split(/\s+/).filter(Boolean)
  const hit = (text: string) => words.every((w) => text.toLowerCase().includes(w))
  const kinds = PROBE_KINDS.filter((k) => k !== 'preset' && hit(`${k} probe`))
  // Presets are listed once asked for (a word typed) or when one is chosen: there are dozens.
  const shown =
    words.length > 0
      ? presets.filter((p) => hit(`${p.id} ${p.title} ${p.provider} ${p.help}`))
      : presets.filter((p) => p.id === presetId)
  return (
    <fieldset className="kind-picker">
      <legend>Kind or preset</legend>
      <Input
        type="search"
        aria-label="Find a kind or preset"
        placeholder="Find a kind or preset (e.g. github, tls)"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      <div className="kind-choices" role="group" aria-label="Probe kinds">
        {kinds.map((k) => (
          <Button
            key={k}
            size="sm"
            variant={kind === k ? 'primary' : 'default'}
            aria-pressed={kind === k}
            onClick={() => onKind(k)}
          >
            {k}
          </Button>
        ))}
      </div>
      <ul className="preset-choices" aria-label="Presets">
        {shown.map((p) => (
          <li key={p.id}>
            <Button
              size="sm"
              variant={presetId === p.id ? 'primary' : 'ghost'}
              aria-pressed={presetId === p.id}
              onClick={() => onPreset(p)}
            >
              {p.title}
            </Button>{' '}
            <code className="meta">{p.id}</code>
            <p className="hint">{p.help}</p>
            <p className="hint">
              Least permission: <strong>{p.permission}</strong>
            </p>
          </li>
        ))}
        {shown.length === 0 && presets.length > 0 && (
          <li className="muted">
            {words.length > 0
              ? 'No preset matches.'
              : `Type to find one of ${presets.length} presets (provider, service or what it checks).`}
          </li>
        )}
      </ul>
    </fieldset>
  )
}
