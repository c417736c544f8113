import type { ChannelResponse } from '../../../shared/ipc'

type Plan = Extract<ChannelResponse<'plan:load'>, { ok: true }>['value']['plan']

/** The plan's environment names, in the order it declares them. */
export function environmentsOf(plan: Plan): string[] {
  return Object.keys(plan.environments ?? {})
}

/**
 * Which environment a new session runs in. Shown only when the plan declares environments; with
 * one, it is chosen; with several, nobody starts a session until one is picked (main refuses too).
 */
export function EnvironmentPicker({
  plan,
  value,
  onChange,
}: {
  plan: Plan
  value: string
  onChange: (environment: string) => void
}) {
  return <EnvironmentSelect names={environmentsOf(plan)} value={value} onChange={onChange} />
}

/** The environment selector itself, for any list of names (the author view's working copy). */
export function EnvironmentSelect({
  names,
  value,
  onChange,
}: {
  names: readonly string[]
  value: string
  onChange: (environment: string) => void
}) {
  if (names.length === 0) return null
  return (
    <label>
      Environment
      <select
        aria-label="Environment"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        required
      >
        {names.length > 1 && (
          <option value="" disabled>
            choose…
          </option>
        )}
        {names.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
    </label>
  )
}

/** The running session's environment, named next to its readiness. */
export function EnvironmentBadge({ environment }: { environment: string | undefined }) {
  if (environment === undefined) return null
  return (
    <p className="environment-badge" aria-label="Session environment">
      Environment: <strong>{environment}</strong>
    </p>
  )
}
