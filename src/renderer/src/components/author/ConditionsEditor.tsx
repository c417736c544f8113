import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react'
import {
  applyCompletion,
  completeCondition,
  splitAtError,
  type CompletionAnswer,
} from '../../../../shared/authoring-form/cel-complete'
import { compileCondition } from '../../../../shared/conditions/compile'
import { Button } from '../../ui/Button'

/**
 * The probe's conditions (`expect`), one CEL expression per row: compiled as they are typed (the
 * compiler is pure JS, shared with main), an error shown at its character, and the context names
 * offered as you type (a combobox over a listbox, as WAI-ARIA describes it).
 */
export function ConditionsEditor({
  rows,
  onChange,
  names,
  errors,
  label = 'Conditions',
}: {
  rows: string[]
  onChange: (rows: string[]) => void
  /** Names the last Try's response offers (`body.data.id`…). */
  names: readonly string[]
  /** Errors main gave, by row. */
  errors: Record<number, { message: string; offset?: number }>
  label?: string
}) {
  return (
    <fieldset className="conditions-editor">
      <legend>{label}</legend>
      {rows.length === 0 && <p className="muted">No conditions: the probe's own checks decide.</p>}
      {rows.map((row, index) => (
        <ConditionRow
          key={index}
          index={index}
          value={row}
          names={names}
          serverError={errors[index]}
          onChange={(value) => onChange(rows.map((r, i) => (i === index ? value : r)))}
          onRemove={() => onChange(rows.filter((_, i) => i !== index))}
        />
      ))}
      <Button size="sm" onClick={() => onChange([...rows, ''])}>
        + Add condition
      </Button>
    </fieldset>
  )
}

function ConditionRow({
  index,
  value,
  names,
  serverError,
  onChange,
  onRemove,
}: {
  index: number
  value: string
  names: readonly string[]
  serverError: { message: string; offset?: number } | undefined
  onChange: (value: string) => void
  onRemove: () => void
}) {
  const id = useId()
  const input = useRef<HTMLInputElement>(null)
  const [answer, setAnswer] = useState<CompletionAnswer | null>(null)
  const [active, setActive] = useState(0)
  const compiled = useMemo(() => (value.trim() ? compileCondition(value) : null), [value])
  // The compiler's verdict while typing; main's (e.g. an unknown var) once it has answered.
  const error =
    compiled && !compiled.ok
      ? { message: compiled.message, offset: compiled.offset }
      : value.trim()
        ? serverError
        : undefined
  const open = answer !== null && answer.options.length > 0
  const listId = `${id}-names`
  const errorId = `${id}-error`

  const suggest = (text: string, caret: number) => {
    const next = completeCondition(text, caret, names)
    setAnswer(next.options.length ? next : null)
    setActive(0)
  }
  const choose = (n: number) => {
    if (!answer) return
    const chosen = answer.options[n]
    if (!chosen) return
    const applied = applyCompletion(value, answer, chosen)
    onChange(applied.source)
    setAnswer(null)
    requestAnimationFrame(() => {
      input.current?.focus()
      input.current?.setSelectionRange(applied.caret, applied.caret)
    })
  }
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === ' ' && e.ctrlKey) {
      suggest(value, e.currentTarget.selectionStart ?? value.length)
      e.preventDefault()
      return
    }
    if (!open) return
    const count = answer.options.length
    if (e.key === 'ArrowDown') setActive((active + 1) % count)
    else if (e.key === 'ArrowUp') setActive((active - 1 + count) % count)
    else if (e.key === 'Enter' || e.key === 'Tab') choose(active)
    else if (e.key === 'Escape') setAnswer(null)
    else return
    e.preventDefault()
    e.stopPropagation()
  }
  return (
    <div className="condition-row" data-condition={index}>
      <div className="condition-input">
        <input
          ref={input}
          className="input code-input"
          role="combobox"
          aria-label={`Condition ${index + 1}`}
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={listId}
          aria-activedescendant={open ? `${listId}-${active}` : undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          spellCheck={false}
          autoComplete="off"
          value={value}
          placeholder="e.g. status == 200"
          onChange={(e) => {
            onChange(e.target.value)
            suggest(e.target.value, e.target.selectionStart ?? e.target.value.length)
          }}
          onKeyDown={onKey}
          onBlur={() => setAnswer(null)}
        />
        <ul
          id={listId}
          role="listbox"
          aria-label="Context names"
          className="completions"
          hidden={!open}
        >
          {open &&
            answer.options.map((option, n) => (
              <li
                key={option.label}
                id={`${listId}-${n}`}
                role="option"
                aria-selected={n === active}
                className={`completion${n === active ? ' active' : ''}`}
                // Chosen on mouse down: a click would blur the input (and close the list) first.
                onMouseDown={(e) => {
                  e.preventDefault()
                  choose(n)
                }}
              >
                <code>{option.label}</code>
                {option.detail && <span className="meta"> {option.detail}</span>}
              </li>
            ))}
        </ul>
        <Button
          size="sm"
          variant="ghost"
          aria-label={`Remove condition ${index + 1}`}
          onClick={onRemove}
        >
          ✕
        </Button>
      </div>
      {error && <ConditionError id={errorId} source={value} error={error} />}
    </div>
  )
}

/** The expression with the character at fault marked, the message, and the position. */
function ConditionError({
  id,
  source,
  error,
}: {
  id: string
  source: string
  error: { message: string; offset?: number }
}) {
  const parts = error.offset === undefined ? null : splitAtError(source, error.offset)
  return (
    <div className="field-error condition-error" id={id} role="alert">
      {parts && (
        <code className="error-source" aria-hidden="true">
          {parts.before}
          <mark className="error-at">{parts.at}</mark>
          {parts.after}
        </code>
      )}
      <span>
        <span aria-hidden="true">✕ </span>
        {error.offset !== undefined && <>at character {error.offset + 1}: </>}
        {error.message}
      </span>
    </div>
  )
}
