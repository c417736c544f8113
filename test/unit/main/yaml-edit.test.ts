import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import fc from 'fast-check'
import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'
import { editPlanYaml } from '../../../src/main/authoring/yaml-edit'
import { NO_EDITS, withEdits, type Edits } from '../../../src/shared/authoring/working-copy'
import { loadPlanText } from '../../../src/shared/plan/load'
import type { PlanInput } from '../../../src/shared/plan/schema'

const TEXT = readFileSync(resolve('test/fixtures/authoring/commented-plan.yaml'), 'utf8')
const planOf = (text: string) => parse(text) as PlanInput
const hashOf = (text: string) => {
  const loaded = loadPlanText(text, 'plan.yaml')
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors))
  return loaded.value.hash
}

function edit(text: string, change: (plan: PlanInput) => void, edits: Partial<Edits>) {
  const plan = planOf(text)
  change(plan)
  const result = editPlanYaml(text, plan, withEdits(NO_EDITS, edits))
  if (!result.ok) throw new Error(result.message)
  // Whatever the route, the text loads to the plan it was edited to.
  expect(hashOf(result.text)).toBe(hashOf(JSON.stringify(plan)))
  return result
}

/** Lines of `after` that are not in `before` at the same place, found from both ends. */
function changedLines(before: string, after: string) {
  const a = before.split('\n')
  const b = after.split('\n')
  let head = 0
  while (head < a.length && a[head] === b[head]) head++
  let tail = 0
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  )
    tail++
  return { removed: a.slice(head, a.length - tail), added: b.slice(head, b.length - tail) }
}

describe('editing a plan’s YAML in place', () => {
  it('an edit that changes nothing leaves the text byte for byte', () => {
    const result = edit(TEXT, () => undefined, { items: ['health', 'headers'], vars: ['api_url'] })
    expect(result.text).toBe(TEXT)
  })

  it('removing a probe cuts exactly its lines', () => {
    const result = edit(
      TEXT,
      (plan) => {
        delete plan.phases[0]!.items[1]!.probe
      },
      { items: ['headers'] },
    )
    expect(changedLines(TEXT, result.text)).toEqual({
      removed: ['        probe:', '          kind: headers', '          url: ${vars.site_url}'],
      added: [],
    })
  })

  it('removing a probe takes the comments written over it and inside it, and only those', () => {
    const commented = TEXT.replace(
      '        blocking: false\n        probe:\n',
      '        blocking: false\n        # Checked by hand until the CDN is in.\n        probe:\n',
    ).replace(
      '          url: ${vars.site_url}\n',
      '          url: ${vars.site_url}\n          # add csp later\n',
    )
    expect(commented).not.toBe(TEXT)
    const result = edit(
      commented,
      (plan) => {
        delete plan.phases[0]!.items[1]!.probe
      },
      { items: ['headers'] },
    )
    expect(changedLines(commented, result.text)).toEqual({
      removed: [
        '        # Checked by hand until the CDN is in.',
        '        probe:',
        '          kind: headers',
        '          url: ${vars.site_url}',
        '          # add csp later',
      ],
      added: [],
    })
    // A comment set apart by a blank line is about more than the probe: it stays.
    const apart = TEXT.replace(
      '        blocking: false\n        probe:\n',
      '        blocking: false\n        # Owned by the web team.\n\n        probe:\n',
    )
    const kept = edit(
      apart,
      (plan) => {
        delete plan.phases[0]!.items[1]!.probe
      },
      { items: ['headers'] },
    )
    expect(kept.text).toContain('        blocking: false\n        # Owned by the web team.\n\n')
  })

  it('a changed value keeps the comment on its line', () => {
    const scalar = edit(
      TEXT,
      (plan) => {
        plan.environments!.staging!.vars!.api_url = 'http://127.0.0.1:10'
      },
      { environmentVars: [['staging', 'api_url']] },
    )
    expect(changedLines(TEXT, scalar.text)).toEqual({
      removed: ['      api_url: http://127.0.0.1:9 # staging API'],
      added: ['      api_url: http://127.0.0.1:10 # staging API'],
    })
    const blockComment = TEXT.replace(
      '        probe:\n          kind: headers',
      '        probe: # by hand\n          kind: headers',
    )
    expect(blockComment).not.toBe(TEXT)
    const block = edit(
      blockComment,
      (plan) => {
        plan.phases[0]!.items[1]!.probe = { kind: 'headers', url: '${vars.api_url}' }
      },
      { items: ['headers'] },
    )
    expect(changedLines(blockComment, block.text)).toEqual({
      removed: ['          url: ${vars.site_url}'],
      added: ['          url: ${vars.api_url}'],
    })
    expect(block.spliced).toBe(true)
  })

  it('a value written where the file has none (`name:`) becomes a whole entry', () => {
    for (const empty of ['      api_url:', '      api_url: ', '      api_url:  # staging API']) {
      const text = TEXT.replace('      api_url: http://127.0.0.1:9 # staging API', empty)
      expect(text).not.toBe(TEXT)
      const plan = planOf(text)
      plan.environments!.staging!.vars!.api_url = 'http://127.0.0.1:10'
      const result = editPlanYaml(
        text,
        plan,
        withEdits(NO_EDITS, { environmentVars: [['staging', 'api_url']] }),
      )
      if (!result.ok) throw new Error(result.message)
      expect(planOf(result.text)).toEqual(plan)
      expect(result.text).toContain('\n      api_url: http://127.0.0.1:10\n')
    }
  })

  it('any new value of a commented var loads back as that value, its comment kept', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.constantFrom('a # b', ' x', 'x: y', '', '#', "it's", '- z', '"q"', 'yes', '1e3'),
        ),
        (value) => {
          const result = edit(
            TEXT,
            (plan) => {
              plan.environments!.staging!.vars!.api_url = value
            },
            { environmentVars: [['staging', 'api_url']] },
          )
          expect(planOf(result.text).environments?.staging?.vars?.api_url).toBe(value)
          if (!value.includes('\n'))
            expect(result.text).toMatch(/\n {6}api_url: [^\n]* # staging API\n/)
        },
      ),
      { numRuns: 300, seed: 18 },
    )
  })

  it('a new probe goes where the schema puts it, indented like its item', () => {
    const result = edit(
      TEXT,
      (plan) => {
        plan.phases[1]!.items[0]!.probe = {
          kind: 'dns',
          name: 'acme.test',
          expect: ['dns.records.size() > 0'],
        }
      },
      { items: ['flip'] },
    )
    expect(changedLines(TEXT, result.text).added).toEqual([
      '        probe:',
      '          kind: dns',
      '          name: acme.test',
      '          expect:',
      '            - dns.records.size() > 0',
    ])
    expect(result.spliced).toBe(true)
  })

  it('removing the last value of an environment leaves it an empty map, not a null', () => {
    const result = edit(
      TEXT,
      (plan) => {
        plan.environments!.staging!.vars = {}
      },
      { environmentVars: [['staging', 'api_url']] },
    )
    expect(result.text).toContain('  staging:\n    vars: {}\n')
  })

  it('a flow-style map is written out as a block; a flow-style item goes through the Document API', () => {
    const flowVars = TEXT.replace(
      /vars:\n {2}# Where[^\n]*\n {2}api_url: [^\n]*\n {2}site_url:\n {4}default: [^\n]*\n {4}description: Public site\n/,
      'vars: { api_url: "http://127.0.0.1:9", site_url: "http://127.0.0.1:9" }\n',
    )
    expect(flowVars).not.toBe(TEXT)
    const vars = edit(
      flowVars,
      (plan) => {
        plan.vars!.tenant = 'acme'
      },
      { vars: ['tenant'] },
    )
    expect(vars.text).toContain(
      'vars:\n  api_url: http://127.0.0.1:9\n  site_url: http://127.0.0.1:9\n  tenant: acme\n',
    )
    const flowItem = TEXT.replace(
      '      - id: flip\n        title: Flip the DNS # by hand',
      '      - { id: flip, title: Flip the DNS }',
    )
    const item = edit(
      flowItem,
      (plan) => {
        plan.phases[1]!.items[0]!.probe = { kind: 'http', url: 'https://acme.test' }
      },
      { items: ['flip'] },
    )
    expect(item.spliced).toBe(false)
    expect(item.text).toContain('# The health check everyone looks at first.')
  })

  it('refuses a file that no longer parses or has lost the item', () => {
    const plan = planOf(TEXT)
    expect(editPlanYaml('phases: [', plan, NO_EDITS)).toMatchObject({ ok: false })
    const renamed = TEXT.replace('id: flip', 'id: flop')
    expect(editPlanYaml(renamed, plan, withEdits(NO_EDITS, { items: ['flip'] }))).toMatchObject({
      ok: false,
      message: 'item "flip" is not where the file has it',
    })
  })
})
