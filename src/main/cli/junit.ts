import type { Plan } from '../../shared/plan/schema'
import type { ProbeResult } from '../../shared/probes/result'

/** XML 1.0 text: escaped, and characters XML cannot carry at all removed. */
export function xmlText(value: string): string {
  return (
    value
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  )
}

const seconds = (ms: number) => (ms / 1000).toFixed(3)

/**
 * JUnit XML as CI systems read it (Jenkins, GitLab, GitHub test reporters): one testsuite per phase,
 * one testcase per probe item, the failure message is the result's reason and its body lists every
 * condition.
 */
export function junitXml(plan: Plan, results: readonly ProbeResult[]): string {
  const byItem = new Map(results.map((r) => [r.item, r]))
  const suites = plan.phases
    .map((phase) => {
      const cases = phase.items.flatMap((item) => {
        const r = byItem.get(item.id)
        return r ? [{ item, r }] : []
      })
      if (cases.length === 0) return ''
      const failures = cases.filter((c) => c.r.status === 'fail').length
      const time = cases.reduce((t, c) => t + c.r.durationMs, 0)
      const body = cases
        .map(({ item, r }) => {
          const open = `    <testcase classname="${xmlText(`${plan.name}.${phase.id}`)}" name="${xmlText(`${item.id}: ${item.title}`)}" time="${seconds(r.durationMs)}"`
          if (r.status === 'pass') return `${open}/>`
          const details = r.evidence.conditions
            .map(
              (c) =>
                `${c.pass ? 'PASS' : 'FAIL'} ${c.expression}${c.actual ? ` → ${c.actual}` : ''}`,
            )
            .join('\n')
          return `${open}>\n      <failure message="${xmlText(r.reason ?? 'failed')}" type="${item.blocking ? 'blocking' : 'non-blocking'}">${xmlText(details || (r.reason ?? ''))}</failure>\n    </testcase>`
        })
        .join('\n')
      return `  <testsuite name="${xmlText(phase.title)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="0" time="${seconds(time)}">\n${body}\n  </testsuite>`
    })
    .filter(Boolean)
  const failures = results.filter((r) => r.status === 'fail').length
  const time = results.reduce((t, r) => t + r.durationMs, 0)
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="${xmlText(plan.name)}" tests="${results.length}" failures="${failures}" errors="0" time="${seconds(time)}">\n${suites.join('\n')}\n</testsuites>\n`
}
