import { describe, expect, it } from 'vitest'
import { draftItem } from '../../../src/shared/draft/draft'
import { draftPlan } from '../../../src/shared/draft/plan'
import { PRESET_RULES } from '../../../src/shared/draft/preset-rules'
import { builtinCatalog } from '../../../src/main/presets/preset-files'

const PRESETS = builtinCatalog().presets
import { CHECKLIST_LABELS } from '../../fixtures/drafting/checklist-labels'
import { CORPUS, JOURNEYS } from '../../fixtures/drafting/corpus'
import { applyAndLoad, importedPlan, planOf, rulesByItem, Score } from '../../helpers/drafting'

const draftCorpusItem = (c: (typeof CORPUS)[number]) =>
  draftItem({
    item: { id: 'item', title: c.text, ...(c.notes !== undefined && { notes: c.notes }) },
    neighbours: { before: (c.before ?? []).map((title, i) => ({ id: `b${i}`, title })), after: [] },
    plan: { vars: {}, credentials: {}, text: `${c.context ?? ''}\n${c.text}` },
  })

describe('drafting corpus', () => {
  it('has at least 60 written items, automatable and manual ones, and covers every kind and preset', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(60)
    const labels = new Set(CORPUS.flatMap((c) => c.expect))
    for (const kind of ['http', 'tls', 'dns', 'headers', 'latency', 'metric', 'canary'])
      expect(labels, kind).toContain(kind)
    expect(JOURNEYS.length).toBeGreaterThan(0) // flows: consecutive items
    for (const preset of PRESETS) expect(labels, preset.id).toContain(`preset:${preset.id}`)
    expect(CORPUS.filter((c) => c.expect.length === 0).length).toBeGreaterThanOrEqual(20)
  })

  it('drafts with precision ≥ 90% and recall ≥ 80% over the corpus and the importer fixtures', () => {
    const score = new Score()
    for (const c of CORPUS)
      score.add(
        c.text,
        c.expect,
        draftCorpusItem(c).map((d) => d.rule),
      )
    for (const journey of JOURNEYS) {
      const rules = rulesByItem(draftPlan(planOf(journey.items)))
      journey.items.forEach((text, i) =>
        score.add(text, journey.flow.includes(i) ? ['flow'] : [], rules.get(`i${i}`) ?? []),
      )
    }
    for (const [file, labels] of Object.entries(CHECKLIST_LABELS)) {
      const plan = importedPlan(`test/fixtures/checklists/${file}`)
      const drafted = draftPlan(plan)
      const rules = rulesByItem(drafted)
      const criteria = drafted.suggestions.filter((x) => x.criterion).map((x) => x.item)
      const ids = new Set([...plan.phases.flatMap((p) => p.items.map((i) => i.id)), ...criteria])
      for (const id of Object.keys(labels)) expect(ids, `${file} ${id}`).toContain(id)
      for (const id of ids) score.add(`${file} ${id}`, labels[id] ?? [], rules.get(id) ?? [])
    }
    // The figures the README states; print them so a change shows in the log.
    console.log(
      `drafting: precision ${score.right}/${score.drafts} = ${(score.precision * 100).toFixed(1)}%, recall ${score.found}/${score.automatable} = ${(score.recall * 100).toFixed(1)}%`,
    )
    expect(score.precision, score.misses.join('\n')).toBeGreaterThanOrEqual(0.9)
    expect(score.recall, score.misses.join('\n')).toBeGreaterThanOrEqual(0.8)
    expect(score.automatable).toBeGreaterThanOrEqual(70)
  })

  it('every draft of the corpus loads as part of a plan: schema, CEL, vars and credentials declared', () => {
    for (const c of CORPUS) {
      if (c.expect.length === 0) continue
      const plan = planOf([...(c.before ?? []), c.text], { description: c.context ?? '' })
      const { loaded, summary } = applyAndLoad(plan)
      expect(loaded.ok, `${c.text}: ${JSON.stringify(loaded.ok ? '' : loaded.errors)}`).toBe(true)
      expect(summary.attached.length + summary.added.length, c.text).toBeGreaterThan(0)
    }
  })

  it('has a drafting rule for every preset in the catalog, and none for presets it does not have', () => {
    const catalog = PRESETS.map((p) => p.id).sort()
    expect(Object.keys(PRESET_RULES).sort()).toEqual(catalog)
  })
})
