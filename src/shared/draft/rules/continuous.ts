import { probeDraft, type Rule } from '../rule'
import { detectWithin } from '../text'

/**
 * "Can detect issues within 5 minutes": a health check kept running at that interval. The draft
 * carries `every`; `suggest` says to run `gonogo check --every 5m` (and the window's Continuous),
 * and `--apply` gives the item that freshness, so a result older than the interval counts as
 * pending, never as green.
 */
export const continuousRule: Rule = (r) => {
  const within = detectWithin(r.text)
  if (!within) return []
  const needs = r.needs()
  return [
    probeDraft(
      'http',
      { kind: 'http', url: `${needs.apiBase()}/health`, expect: ['status == 200'] },
      needs,
      within.words ? (/detect[^.;]*/i.exec(r.text)?.[0] ?? within.words) : within.words,
      0.6,
      { every: within.text },
    ),
  ]
}
