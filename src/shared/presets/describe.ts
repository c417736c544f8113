import type { PresetCondition, PresetDefinition, PresetParam } from './format'

/** A param in one phrase: `repo` (required), `branch` (default main), `team` (optional). */
export function paramPhrase(name: string, p: PresetParam): string {
  const value = (v: unknown) => (Array.isArray(v) ? v.join(', ') : String(v))
  if (p.required) return `\`${name}\``
  if (p.default !== undefined) return `\`${name}\` (${value(p.default)})`
  return `\`${name}\`?`
}

/** What `presets list --json` and the README table show of a preset. */
export function presetSummary(p: PresetDefinition) {
  return {
    id: p.id,
    provider: p.provider,
    title: p.title,
    params: Object.entries(p.params).map(([name, spec]) => ({
      name,
      type: spec.type,
      required: spec.required,
      ...(spec.default !== undefined && { default: spec.default }),
      description: spec.description,
    })),
    permission: p.permission,
    apiVersion: p.apiVersion,
    checked: p.checked,
    source: p.source,
    builtin: p.origin.builtin,
    file: p.origin.file,
  }
}

const cell = (text: string) =>
  text
    .replace(/\|/g, '\\|')
    .replace(/\s*\n\s*/g, ' ')
    .trim()

/** The README's preset table: one row per preset, generated from the preset files. */
export function presetTable(presets: readonly PresetDefinition[]): string {
  const rows = presets.map((p) => {
    const params = Object.entries(p.params).map(([n, s]) => paramPhrase(n, s))
    return `| \`${p.id}\` | ${cell(p.title)} | ${params.join(', ') || '—'} | ${cell(p.permission)} | ${cell(p.apiVersion)} | ${p.checked} |`
  })
  return [
    '| preset | checks | params | least permission | API version | shape checked |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n')
}

const conditionText = (c: PresetCondition) =>
  typeof c === 'string'
    ? c
    : `${c.check}${c.when ? `   (when ${c.when} is given)` : ''}${c.forEach ? `   (for each of ${c.forEach})` : ''}`

/** `gonogo presets show ID`: everything a user needs to use the preset and trust it. */
export function describePreset(p: PresetDefinition, overrides = false): string {
  const lines = [
    `${p.id} — ${p.title}${overrides ? ' (override of the built-in preset)' : ''}`,
    `provider: ${p.provider} (${p.baseUrl}); credential: ${p.credentialKinds.join(' or ')}`,
    '',
    p.help.trim(),
    '',
    'params:',
    ...Object.entries(p.params).map(([name, s]) => {
      const how = s.required
        ? 'required'
        : s.default !== undefined
          ? `default ${JSON.stringify(s.default)}`
          : 'optional'
      const values = s.values ? `; one of ${s.values.join(', ')}` : ''
      return `  ${name} (${s.type}, ${how}${values}): ${s.description}`
    }),
    ...(Object.keys(p.params).length === 0 ? ['  (none)'] : []),
    `least permission: ${p.permission}`,
    `API version: ${p.apiVersion}; shape last checked ${p.checked} against ${p.source}`,
    ...(p.versionNotes ? [`version notes: ${p.versionNotes.trim()}`] : []),
    p.steps
      ? `steps: ${p.steps.map((s) => `${s.id} (${s.method} ${s.url}${s.when ? `, when ${s.when}` : ''})`).join(' → ')}`
      : `request: ${p.request?.method ?? 'GET'} ${p.request?.url ?? ''}`,
    'conditions:',
    ...[
      ...(p.steps ?? []).flatMap((s) => s.expect.map((c) => `  [${s.id}] ${conditionText(c)}`)),
      ...p.expect.map((c) => `  ${conditionText(c)}`),
    ],
    `defined in: ${p.origin.file}${p.origin.line !== undefined ? `:${p.origin.line}` : ''}${p.origin.builtin ? ' (built-in)' : ''}`,
  ]
  return lines.join('\n')
}
