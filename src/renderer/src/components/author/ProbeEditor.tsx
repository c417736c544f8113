import { useEffect, useMemo, useRef, useState } from 'react'
import {
  PROBE_KINDS,
  checkField,
  presetParamFields,
  probeFields,
  probeFromValues,
  valuesFromProbe,
  type FormField,
  type FormValues,
} from '../../../../shared/authoring-form/fields'
import type { AuthoringItem, PresetInfo } from '../../../../shared/ipc-authoring'
import type { ProbeKind } from '../../../../shared/plan/probes'
import { asJsonObject, useAuthoring, type FieldError } from '../../authoring-store'
import { Button } from '../../ui/Button'
import { Drawer } from '../../ui/Drawer'
import { CheckBadge, MissingList } from './CheckBadge'
import { ConditionsEditor } from './ConditionsEditor'
import { FormFieldInput } from './FormFieldInput'
import { TryResultView } from './TryResultView'
import { KindPicker } from './KindPicker'
import { CanaryEditor } from './CanaryEditor'

type Json = Record<string, unknown>

/** Fields the picker sets (kind, preset) or the conditions editor shows are not in the form. */
const NOT_IN_FORM = new Set(['expect', 'preset', 'params'])

/**
 * An item's probe: a kind or a preset (searchable), the form the plan schema and the preset's
 * params give, the conditions with live compile errors and completion, Try (once, in main, never
 * written to a session) and Save (main validates; its errors come back next to the fields).
 */
export function ProbeEditor({ item, draft }: { item: AuthoringItem; draft?: number }) {
  const presets = useAuthoring((s) => s.presets)
  const loadPresets = useAuthoring((s) => s.loadPresets)
  const close = () => useAuthoring.getState().edit(undefined)
  useEffect(() => {
    if (presets.length === 0) void loadPresets()
  }, [presets.length, loadPresets])
  const drafted = draft !== undefined ? item.suggestion?.drafts[draft] : undefined
  const start: Json = drafted?.probe ?? (drafted ? undefined : item.probe) ?? { kind: 'http' }
  const isCanary = drafted ? drafted.canary !== undefined : !item.probe && item.canary !== undefined
  return (
    <Drawer label={`Probe editor for ${item.id}`} title={`Probe: ${item.title}`} onClose={close}>
      <p className="meta">
        <code>{item.id}</code> · {item.phase} · <CheckBadge look={item.check} />
        {drafted && <> · starting from the drafted {drafted.rule}</>}
      </p>
      <MissingList missing={item.missing} />
      {isCanary ? (
        <CanaryEditor item={item} start={drafted?.canary ?? item.canary ?? {}} draft={draft} />
      ) : (
        <ProbeForm item={item} start={start} presets={presets} draft={draft} />
      )}
    </Drawer>
  )
}

function ProbeForm({
  item,
  start,
  presets,
  draft,
}: {
  item: AuthoringItem
  start: Json
  presets: PresetInfo[]
  draft: number | undefined
}) {
  const tries = useAuthoring((s) => s.tries[item.id])
  const [kind, setKind] = useState<ProbeKind>(() =>
    PROBE_KINDS.includes(start.kind as ProbeKind) ? (start.kind as ProbeKind) : 'http',
  )
  const [presetId, setPresetId] = useState<string>(() =>
    typeof start.preset === 'string' ? start.preset : '',
  )
  const preset = presets.find((p) => p.id === presetId)
  const fields = useMemo(() => formFields(kind, preset), [kind, preset])
  const [values, setValues] = useState<FormValues>(() =>
    valuesFromProbe([...formFields(kind, undefined), ...paramFieldsOf(start)], start),
  )
  const [conditions, setConditions] = useState<string[]>(() =>
    Array.isArray(start.expect) ? start.expect.map(String) : [],
  )
  const [touched, setTouched] = useState<Set<string>>(() => new Set())
  const [serverErrors, setServerErrors] = useState<FieldError[]>([])
  const [message, setMessage] = useState<string | null>(null)
  const [busy, setBusy] = useState<'try' | 'save' | null>(null)
  const [tried, setTried] = useState(false)
  const resultBox = useRef<HTMLDivElement>(null)
  // A new Try result is brought into view (it lands below the form).
  useEffect(() => {
    if (tried && tries) resultBox.current?.scrollIntoView({ block: 'nearest' })
  }, [tried, tries])

  const build = () => {
    const base: Json = { ...start, kind }
    if (kind === 'preset') base.preset = presetId
    else delete base.preset
    // Params are the preset's own: the form writes them afresh (stale ones would be refused).
    if (kind === 'preset') delete base.params
    const built = probeFromValues(kind, fields, values, base)
    if (!built.ok) {
      setTouched(new Set(fields.map((f) => f.path)))
      setMessage(`Fix ${built.errors.length} field(s) first.`)
      return null
    }
    const rows = conditions.map((c) => c.trim()).filter(Boolean)
    if (rows.length) built.probe.expect = rows
    else delete built.probe.expect
    if (kind === 'preset' && !presetId) {
      setMessage('Choose a preset first.')
      return null
    }
    const json = asJsonObject(built.probe)
    if (!json.ok) setMessage(json.message)
    return json.ok ? json.value : null
  }
  const answer = (errors: FieldError[], text: string) => {
    setServerErrors(errors)
    setMessage(text)
  }
  const tryIt = async () => {
    const probe = build()
    if (!probe) return
    setBusy('try')
    setMessage(null)
    const result = await useAuthoring.getState().tryProbe(item.id, probe)
    setBusy(null)
    setTried(true)
    if (result.ok) setServerErrors([])
    else answer(result.errors, result.message)
  }
  const save = async () => {
    const probe = build()
    if (!probe) return
    setBusy('save')
    setMessage(null)
    const store = useAuthoring.getState()
    // A pending suggestion edited before it was accepted is accepted with this probe.
    if (item.suggestion?.decision === 'pending') {
      const accepted = await store.decide([
        { item: item.id, decision: 'accepted', draft: draft ?? 0 },
      ])
      if (!accepted.ok) {
        setBusy(null)
        answer(accepted.errors, accepted.message)
        return
      }
    }
    const outcome = await store.setCheck({ item: item.id, probe })
    if (!outcome.ok && item.suggestion?.decision === 'pending')
      // The edit was refused: the suggestion goes back to undecided, not accepted as drafted.
      await store.decide([{ item: item.id, decision: 'pending' }])
    setBusy(null)
    if (outcome.ok) store.edit(undefined)
    else answer(outcome.errors, outcome.message)
  }

  const byPath = useMemo(() => errorsByPath(serverErrors), [serverErrors])
  const conditionErrors = useMemo(() => {
    const rows: Record<number, { message: string; offset?: number }> = {}
    for (const e of serverErrors) {
      const m = /^(?:probe\.)?expect\.(\d+)/.exec(normalise(e.path))
      if (m)
        rows[Number(m[1])] = {
          message: e.message,
          ...(e.offset !== undefined && { offset: e.offset }),
        }
    }
    return rows
  }, [serverErrors])
  const unplaced = serverErrors.filter(
    (e) =>
      !fields.some((f) => f.path === normalise(e.path)) &&
      !/^(?:probe\.)?expect\.\d+/.test(normalise(e.path)),
  )
  /**
   * Shown at once: required fields, a preset's params and the fields the probe sets; the rest
   * under "More fields".
   */
  const primary = (f: FormField) =>
    f.required ||
    f.path.startsWith('params.') ||
    (values[f.path] !== undefined && values[f.path] !== '' && values[f.path] !== false)
  const renderField = (f: FormField) => (
    <FormFieldInput
      key={f.path}
      field={f}
      value={values[f.path]}
      error={fieldError(f)}
      onChange={(v) => {
        setValues({ ...values, [f.path]: v })
        setTouched(new Set(touched).add(f.path))
      }}
    />
  )
  const fieldError = (f: FormField) =>
    (touched.has(f.path) ? checkField(f, values[f.path]) : undefined) ?? byPath[f.path]

  return (
    <form
      className="probe-form"
      aria-label="Probe"
      onSubmit={(e) => {
        e.preventDefault()
        void save()
      }}
    >
      <KindPicker
        kind={kind}
        presetId={presetId}
        presets={presets}
        onKind={(k) => {
          setKind(k)
          if (k !== 'preset') setPresetId('')
        }}
        onPreset={(p) => {
          setKind('preset')
          setPresetId(p.id)
        }}
      />
      <div className="form-grid">{fields.filter((f) => primary(f)).map(renderField)}</div>
      {fields.some((f) => !primary(f)) && (
        // The schema's other fields, folded: most probes need none of them.
        <details className="more-fields" open={fields.some((f) => !primary(f) && fieldError(f))}>
          <summary>More fields ({fields.filter((f) => !primary(f)).length})</summary>
          <div className="form-grid">{fields.filter((f) => !primary(f)).map(renderField)}</div>
        </details>
      )}
      <ConditionsEditor
        rows={conditions}
        onChange={setConditions}
        names={tries?.completions ?? []}
        errors={conditionErrors}
      />
      {unplaced.length > 0 && (
        <ul className="field-errors" aria-label="Problems">
          {unplaced.map((e, i) => (
            <li key={i} className="field-error">
              <code>{e.path || 'probe'}</code>: {e.message}
            </li>
          ))}
        </ul>
      )}
      {message && (
        <p className="error" role="alert">
          {message}
        </p>
      )}
      <div className="form-actions">
        <Button onClick={() => void tryIt()} disabled={busy !== null}>
          {busy === 'try' ? 'Trying…' : '▶ Try'}
        </Button>
        <Button type="submit" variant="primary" disabled={busy !== null}>
          Save probe
        </Button>
        {(item.probe || item.canary) && (
          <Button
            variant="ghost"
            onClick={() =>
              void useAuthoring
                .getState()
                .setCheck({ item: item.id, probe: null, canary: null })
                .then((o) => o.ok && useAuthoring.getState().edit(undefined))
            }
          >
            Remove check
          </Button>
        )}
      </div>
      {tried && tries && (
        <div ref={resultBox}>
          <TryResultView result={tries} />
        </div>
      )}
    </form>
  )
}

function formFields(kind: ProbeKind, preset: PresetInfo | undefined): FormField[] {
  const own = probeFields(kind).filter((f) => !NOT_IN_FORM.has(f.path))
  return preset ? [...own, ...presetParamFields(preset.params)] : own
}

/** A probe's existing params as text fields (before the preset list has loaded). */
function paramFieldsOf(probe: Json): FormField[] {
  const params = probe.params
  if (typeof params !== 'object' || params === null) return []
  return Object.keys(params).map((name) => ({
    path: `params.${name}`,
    label: name,
    type: Array.isArray((params as Json)[name])
      ? 'list'
      : typeof (params as Json)[name] === 'boolean'
        ? 'boolean'
        : 'text',
    required: false,
  }))
}

/** `expect[1]` and `expect.1` are one path; a leading `probe.` is the probe itself. */
function normalise(path: string): string {
  return path.replace(/\[(\d+)\]/g, '.$1').replace(/^probe\./, '')
}

function errorsByPath(errors: FieldError[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const e of errors) out[normalise(e.path)] ??= e.message
  return out
}
