import { useId } from 'react'
import type { FieldValue, FormField } from '../../../../shared/authoring-form/fields'

/**
 * One generated field of the probe editor: its label (required ones marked), the control its type
 * calls for, the message of what is wrong next to it, and the schema's description below.
 */
export function FormFieldInput({
  field,
  value,
  error,
  onChange,
}: {
  field: FormField
  value: FieldValue | undefined
  error: string | undefined
  onChange: (value: FieldValue) => void
}) {
  const id = useId()
  const errorId = `${id}-error`
  const helpId = `${id}-help`
  const described = [error && errorId, field.description && helpId].filter(Boolean).join(' ')
  const common = {
    id,
    'aria-invalid': error ? true : undefined,
    'aria-required': field.required || undefined,
    ...(described && { 'aria-describedby': described }),
  }
  const text = typeof value === 'string' ? value : ''
  return (
    <div className={`form-field${error ? ' has-error' : ''}`} data-field={field.path}>
      {field.type === 'boolean' ? (
        <label className="check" htmlFor={id}>
          <input
            type="checkbox"
            {...common}
            checked={value === true}
            onChange={(e) => onChange(e.target.checked)}
          />
          {field.label}
        </label>
      ) : (
        <label htmlFor={id} className="field-label">
          {field.label}
          {field.required && (
            <span className="required" aria-hidden="true" title="required">
              {' '}
              *
            </span>
          )}
          {field.required && <span className="visually-hidden"> (required)</span>}
        </label>
      )}
      {field.type === 'choice' ? (
        <select
          className="select"
          {...common}
          value={text}
          onChange={(e) => onChange(e.target.value)}
        >
          <option value="">{field.placeholder ? `default (${field.placeholder})` : '—'}</option>
          {field.choices?.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      ) : ['list', 'map', 'json'].includes(field.type) ? (
        <textarea
          className="input code-input"
          {...common}
          rows={field.type === 'json' ? 6 : 3}
          spellCheck={false}
          value={text}
          placeholder={placeholderOf(field)}
          onChange={(e) => onChange(e.target.value)}
        />
      ) : field.type !== 'boolean' ? (
        <input
          className="input"
          {...common}
          inputMode={field.type === 'integer' || field.type === 'number' ? 'decimal' : undefined}
          spellCheck={false}
          autoComplete="off"
          value={text}
          placeholder={placeholderOf(field)}
          onChange={(e) => onChange(e.target.value)}
        />
      ) : null}
      {error && (
        <p className="field-error" id={errorId}>
          <span aria-hidden="true">✕ </span>
          {error}
        </p>
      )}
      {field.description && (
        <p className="hint" id={helpId}>
          {field.description}
        </p>
      )}
    </div>
  )
}

function placeholderOf(field: FormField): string | undefined {
  if (field.placeholder) return field.placeholder
  switch (field.type) {
    case 'duration':
      return 'e.g. 30s'
    case 'map':
      return 'name: value (one per line)'
    case 'list':
      return 'one per line'
    default:
      return undefined
  }
}
