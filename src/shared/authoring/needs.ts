import { collectReferences } from '../plan/references'
import type { Item } from '../plan/schema'

/** The vars and credentials an item's probe or canary uses (flow captures are not plan vars). */
export interface CheckNeeds {
  vars: string[]
  credentials: string[]
}

export function checkNeeds(item: Pick<Item, 'probe' | 'canary'>): CheckNeeds {
  const vars = new Set<string>()
  const credentials = new Set<string>()
  const captured = new Set<string>()
  const probe = item.probe
  if (probe) {
    if (probe.kind === 'flow')
      for (const step of probe.steps)
        for (const name of Object.keys(step.capture)) captured.add(name)
    if (probe.kind === 'preset') credentials.add(probe.credential)
    const auths = [probe, ...(probe.kind === 'flow' ? probe.steps : [])]
    for (const p of auths) if ('auth' in p && p.auth) credentials.add(p.auth.credential)
  }
  const canary = item.canary
  if (canary) {
    const source = canary.source
    if ('auth' in source && source.auth) credentials.add(source.auth.credential)
    if (source.type === 'datadog') {
      credentials.add(source.apiKey)
      credentials.add(source.appKey)
    }
  }
  for (const ref of [...collectReferences(probe), ...collectReferences(canary)]) {
    if (ref.scope === 'vars' && !captured.has(ref.name)) vars.add(ref.name)
    if (ref.scope === 'secrets') credentials.add(ref.name)
  }
  return { vars: [...vars].sort(), credentials: [...credentials].sort() }
}
