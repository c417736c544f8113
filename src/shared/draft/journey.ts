import type { DraftWithCall } from './draft'
import type { HttpCall } from './request'
import { callProbe } from './rules/web'
import type { Draft, ItemText, Missing } from './types'

export interface Drafted {
  item: ItemText
  drafts: DraftWithCall[]
}

const MENTIONS_TOKEN =
  /\b(token|bearer|authenticated|signed in|logged in|as the (customer|user|tenant))\b/i

const stepId = (id: string, taken: Set<string>): string => {
  let base =
    id
      .replace(/[^A-Za-z0-9_]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 32) || 'step'
  if (!/^[A-Za-z_]/.test(base)) base = `s_${base}`
  let out = base
  for (let n = 2; taken.has(out); n++) out = `${base}_${n}`
  taken.add(out)
  return out
}

/** The last fixed segment of a URL's path: `.../api/jobs/${vars.job_id}` → jobs. */
function pathWord(url: string): string | undefined {
  const path =
    url
      .replace(/^\$\{vars\.\w+\}/, '')
      .replace(/^https?:\/\/[^/]+/, '')
      .split('?')[0] ?? ''
  return path
    .split('/')
    .filter((s) => s && !s.includes('${'))
    .pop()
}

/** The call an item's http draft was read from, when it has exactly that one draft. */
function callOf(d: Drafted): HttpCall | undefined {
  return d.drafts.length === 1 && d.drafts[0]?.rule === 'http' ? d.drafts[0].call : undefined
}

/**
 * Consecutive items that hand values on (key → token → upload → poll the job → results) become
 * one flow draft on the first item; the others are covered by it. A step joins when its path uses
 * an id an earlier step returned, or when an earlier step returned a token and its words say it
 * is sent authenticated.
 */
export function joinJourneys(items: Drafted[]): Drafted[] {
  const out = items.map((d) => ({ ...d, drafts: [...d.drafts] }))
  for (let i = 0; i < out.length; i++) {
    const first = out[i]
    const firstCall = first && callOf(first)
    if (!first || !firstCall || Object.keys(firstCall.captures).length === 0) continue
    const run: { d: Drafted; call: HttpCall }[] = [{ d: first, call: firstCall }]
    const captured = new Set(Object.keys(firstCall.captures))
    for (let j = i + 1; j < out.length; j++) {
      const next = out[j]
      const call = next && callOf(next)
      if (!next || !call) break
      const idCaptures = [...captured].filter((c) => /id$/i.test(c))
      const usesOk =
        call.uses.length > 0 && call.uses.every((u) => captured.has(u) || idCaptures.length === 1)
      const token = [...captured].some((c) => /token/i.test(c))
      const text = `${next.item.title} ${next.item.notes ?? ''}`
      if (!usesOk && !(token && call.uses.length === 0 && MENTIONS_TOKEN.test(text))) break
      run.push({ d: next, call })
      for (const c of Object.keys(call.captures)) captured.add(c)
    }
    if (run.length < 2) continue
    first.drafts = [flowDraft(run)]
    for (const { d } of run.slice(1)) d.drafts = []
    i += run.length - 1
  }
  return out
}

function flowDraft(run: { d: Drafted; call: HttpCall }[]): Draft {
  const taken = new Set<string>()
  const captured: string[] = []
  let token: string | undefined
  const steps = run.map(({ d, call }) => {
    const idCaptures = captured.filter((c) => /id$/i.test(c))
    let url = call.url
    for (const use of call.uses)
      if (!captured.includes(use) && idCaptures.length === 1)
        url = url.replaceAll(`\${vars.${use}}`, `\${vars.${idCaptures[0]}}`)
    const base = callProbe(call) as Record<string, unknown>
    const step: Record<string, unknown> = {
      id: stepId(pathWord(call.url) ?? d.item.id, taken),
      ...(call.method !== 'GET' && { method: call.method }),
      url,
      ...(base.json !== undefined && { json: base.json }),
      ...(base.auth !== undefined && { auth: base.auth }),
      ...(token &&
        !base.auth &&
        !JSON.stringify(call.json ?? {}).includes('${secrets.') && {
          headers: { Authorization: `Bearer \${vars.${token}}` },
        }),
      ...(call.expect.length > 0 && { expect: call.expect }),
      ...(Object.keys(call.captures).length > 0 && { capture: call.captures }),
      ...(call.poll && {
        poll: { until: call.poll.until, interval: '500ms', deadline: call.poll.deadline },
      }),
    }
    const ids = Object.keys(call.captures).filter((c) => !/token/i.test(c))
    if (ids.length > 0) step.evidence = ids
    for (const c of Object.keys(call.captures)) {
      captured.push(c)
      if (/token/i.test(c)) token = c
    }
    return step
  })
  const missing: Missing[] = []
  for (const { d } of run)
    for (const m of d.drafts[0]?.missing ?? [])
      if (
        !(m.type === 'var' && captured.includes(m.name)) &&
        !missing.some((x) => x.name === m.name)
      )
        missing.push(m)
  return {
    rule: 'flow',
    probe: { kind: 'flow', steps: steps as never },
    missing,
    because: run.map(({ d }) => d.item.title).join(' → '),
    confidence: Math.min(0.9, ...run.map(({ d }) => d.drafts[0]?.confidence ?? 0.5)),
    covers: run.map(({ d }) => d.item.id),
  }
}
