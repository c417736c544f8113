import { useEffect, useState } from 'react'
import type { ChannelResponse } from '../../../shared/ipc'
import { api } from '../api'
import { errorMessage } from '../error-message'
import { useApp, type PreviewSource } from '../store'
import { SourceErrors } from './SourceErrors'

type Preview = Extract<ChannelResponse<'checklist:preview'>, { ok: true }>['preview']

const rangeKey = (b: { from: number; to: number }) => `${b.from}-${b.to}`

/**
 * What importing a checklist gives before it opens as a plan: how many items, phases and roles,
 * and every block the importer left out with its reason. A left-out block can be ticked to import
 * it as items after all; the preview is then redone in main (the importer's rules live there).
 */
export function ImportPreview({ source, onClose }: { source: PreviewSource; onClose: () => void }) {
  const openPlan = useApp((s) => s.openPlan)
  const [preview, setPreview] = useState<Preview | null>(null)
  const [errors, setErrors] = useState<Preview['errors']>([])
  const [problem, setProblem] = useState<string | null>(null)
  const [included, setIncluded] = useState<Array<{ from: number; to: number }>>([])
  const [busy, setBusy] = useState(true)

  useEffect(() => {
    let live = true
    const load = async () => {
      if (source.kind === 'ready') {
        setPreview(source.preview)
        setBusy(false)
        return
      }
      try {
        const result =
          source.kind === 'dialog'
            ? await api().previewChecklist({ source: 'dialog' })
            : await api().previewChecklist({
                source: 'text',
                name: source.file.name,
                text: await source.file.text(),
              })
        if (!live) return
        if (result.ok) setPreview(result.preview)
        else if (result.cancelled) onClose()
        else setErrors(result.errors)
      } catch (e) {
        if (live) setProblem(errorMessage(e))
      } finally {
        if (live) setBusy(false)
      }
    }
    void load()
    return () => {
      live = false
    }
  }, [source, onClose])

  const refresh = async (include: Array<{ from: number; to: number }>) => {
    if (!preview) return
    setBusy(true)
    try {
      const result = await api().previewChecklist({
        source: 'text',
        name: preview.name,
        text: preview.text,
        include,
      })
      if (result.ok) {
        setIncluded(include)
        setPreview(result.preview)
      }
    } catch (e) {
      setProblem(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }

  const toggle = (block: { from: number; to: number }, on: boolean) => {
    const rest = included.filter((r) => rangeKey(r) !== rangeKey(block))
    void refresh(on ? [...rest, { from: block.from, to: block.to }] : rest)
  }

  const open = async () => {
    if (!preview) return
    await openPlan({
      source: 'text',
      name: preview.name,
      text: preview.text,
      ...(included.length ? { include: included } : {}),
    })
    // Once the plan opens the store closes this preview (as it does for every way of opening).
  }

  // Blocks the user included stay listed (ticked) even though they are no longer left out.
  const shown = [
    ...included
      .filter((r) => !preview?.leftOut.some((b) => rangeKey(b) === rangeKey(r)))
      .map((r) => ({ ...r, reason: 'included as items', excerpt: '', on: true })),
    ...(preview?.leftOut ?? []).map((b) => ({ ...b, on: false })),
  ].sort((a, b) => a.from - b.from)

  return (
    <main className="import-preview" aria-label="Import preview" aria-busy={busy}>
      <h1>Import {preview?.name ?? 'checklist'}</h1>
      {problem && <p role="alert">{problem}</p>}
      <SourceErrors errors={preview?.errors.length ? preview.errors : errors} />
      {preview && (
        <>
          <dl className="counts" aria-label="What the plan will hold">
            <div>
              <dt>Items</dt>
              <dd data-count="items">{preview.counts.items}</dd>
            </div>
            <div>
              <dt>Phases</dt>
              <dd data-count="phases">{preview.counts.phases}</dd>
            </div>
            <div>
              <dt>Roles</dt>
              <dd data-count="roles">{preview.counts.roles}</dd>
            </div>
          </dl>
          <section aria-labelledby="left-out-heading">
            <h2 id="left-out-heading">Left out ({preview.leftOut.length})</h2>
            {shown.length === 0 ? (
              <p>Nothing was left out: every line is an item, notes or a role.</p>
            ) : (
              <ul className="left-out">
                {shown.map((b) => (
                  <li key={rangeKey(b)} data-lines={rangeKey(b)}>
                    <label>
                      <input
                        type="checkbox"
                        checked={b.on}
                        disabled={busy}
                        onChange={(e) => toggle(b, e.target.checked)}
                      />{' '}
                      Lines {b.from}–{b.to}: {b.reason}
                    </label>
                    {b.excerpt && <span className="excerpt">{b.excerpt}</span>}
                  </li>
                ))}
              </ul>
            )}
            <p className="hint">Tick a block to import its lines as items.</p>
          </section>
          {preview.warnings.length > 0 && (
            <details>
              <summary>Notes from the import ({preview.warnings.length})</summary>
              <ul>
                {preview.warnings.map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
            </details>
          )}
        </>
      )}
      <div className="actions">
        <button
          type="button"
          disabled={busy || !preview || preview.errors.length > 0}
          onClick={() => void open()}
        >
          Open as plan
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </main>
  )
}
