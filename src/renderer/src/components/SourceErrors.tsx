import type { ChannelResponse } from '../../../shared/ipc'

type SourceError = Extract<ChannelResponse<'plan:load'>, { ok: false }>['errors'][number]

export function SourceErrors({ errors }: { errors: SourceError[] }) {
  if (errors.length === 0) return null
  return (
    <section className="errors" role="alert" aria-label="Plan errors">
      <h2>The plan could not be loaded</h2>
      <ul>
        {errors.map((e, i) => (
          <li key={i}>
            <code>
              {e.file}
              {e.line !== undefined ? `:${e.line}:${e.column ?? 1}` : ''}
            </code>{' '}
            {e.path && <strong>{e.path}: </strong>}
            {e.message}
          </li>
        ))}
      </ul>
    </section>
  )
}
