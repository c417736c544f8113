// Plan loading and checklist import on large inputs, against the bare parsers they build on
// (measured in the same run, so the ratio is the cost of GoNoGo's own work).
import { parse, stringify } from 'yaml'
import { importChecklist } from '../src/shared/import/checklist'
import { parseMarkdownBlocks } from '../src/shared/import/parse-markdown'
import { loadPlanText } from '../src/shared/plan/load'
import { describe, interleaved, report, round, spreadOf } from './measure'

// A 1,000-item plan: 20 phases × 50 items, a third of them with probes.
const plan = {
  name: 'Bench plan',
  vars: { target: 'http://127.0.0.1:8080' },
  phases: Array.from({ length: 20 }, (_, p) => ({
    id: `phase-${p}`,
    title: `Phase ${p}`,
    items: Array.from({ length: 50 }, (_, i) => ({
      id: `item-${p}-${i}`,
      title: `Check number ${i} of phase ${p}`,
      owner: 'SRE Lead',
      ...(i % 3 === 0
        ? {
            probe: {
              kind: 'http',
              url: '${vars.target}/health',
              expect: ['status == 200', 'body.ok == true'],
            },
          }
        : {}),
    })),
  })),
}
const planYaml = stringify(plan)
const planTimes = await interleaved(
  {
    load: () => {
      if (!loadPlanText(planYaml, 'bench.yaml').ok) throw new Error('bench plan invalid')
    },
    parse: () => parse(planYaml),
  },
  9,
  2,
)

// A ~1 MiB checklist: headings, task lists, nested bullets, tables, criteria and mojibake.
const section = (n: number) =>
  `## ${n}. Section ${n}\n\nTasks:\n\n${Array.from({ length: 20 }, (_, i) => `- [${i % 4 ? ' ' : 'x'}] Task ${i} of section ${n} â€” verify it\n  - detail for ${i}`).join('\n')}\n\n| # | Task | Owner | Status |\n|---|---|---|---|\n${Array.from({ length: 10 }, (_, i) => `| ${n}.${i} | Table task ${i} | Dana | ✅ |`).join('\n')}\n\nValidation goals:\n- goal one for ${n}\n- goal two for ${n}\n\n`
let markdown = '# Big launch\n\n'
for (let n = 1; markdown.length < 1024 * 1024; n++) markdown += section(n)
const importTimes = await interleaved(
  {
    import: () => {
      if (!importChecklist(markdown, 'big.md').ok) throw new Error('import failed')
    },
    markdown: () => parseMarkdownBlocks(markdown),
  },
  // Nine rounds: a major GC lands on some rounds of either side, and five left the median to chance.
  9,
  1,
)

// Hostile 1 MiB inputs that pass the importer's shape guard (blank lines between blocks, under
// the item and heading limits): deep list nesting, long lines of inline markup, big tables,
// mojibake everywhere, emphasis delimiters that never close. The slowest one is the figure, against
// markdown-it parsing the ordinary 1 MiB checklist above (interleaved): the hardening issue's "any
// 1 MiB input in under a second" was set when that parse took about 200 ms, hence 5×.
const MiB = 1024 * 1024
/** `unit` repeated to 1 MiB, a blank line after every `every` repetitions. */
const fill = (unit: string, every = 1) => {
  let out = ''
  for (let i = 0; out.length < MiB; i++) out += unit + (i % every === every - 1 ? '\n\n' : '')
  return out.slice(0, MiB)
}
const hostile: Record<string, string> = {
  'nested lists': fill(
    Array.from({ length: 60 }, (_, i) => `${'  '.repeat(i)}- [ ] item ${i}\n`).join(''),
  ),
  'long lines': fill('word [x] **a** `b` '.repeat(300) + '\n'),
  tables: fill(`| a | b | c |\n|---|---|---|\n${'| 1 | 2 | 3 |\n'.repeat(500)}`),
  mojibake: fill('- [ ] Ship â€” now Ã© ðŸš€\n', 100),
  'open emphasis': fill('*_*_[`'.repeat(100) + '\n', 30),
  headings: fill('## Phase\n\n' + '- [ ] task\n'.repeat(200)),
}
let worst = { name: '', ratio: 0, ms: 0, spread: '', reference: '' }
const HOSTILE_BUDGET = 5
for (const [name, text] of Object.entries(hostile)) {
  const t = await interleaved(
    {
      import: () => importChecklist(text, 'hostile.md'),
      markdown: () => parseMarkdownBlocks(markdown),
    },
    3,
    0,
  )
  const ratio = t.import.median / t.markdown.median
  if (ratio > worst.ratio)
    worst = {
      name,
      ratio,
      ms: t.import.median,
      spread: spreadOf(t.import),
      reference: `markdown-it parse of the ordinary 1 MiB checklist ${describe(t.markdown)}`,
    }
}
const planRatio = planTimes.load.median / planTimes.parse.median
const importRatio = importTimes.import.median / importTimes.markdown.median

report([
  {
    figure: 'plan load, 1,000 items (parse + validate + positions + hash)',
    value: round(planTimes.load.median),
    unit: 'ms',
    spread: spreadOf(planTimes.load),
    reference: `yaml.parse ${describe(planTimes.parse)}`,
    ratio: round(planRatio),
    budget: '≤ 6× yaml.parse',
    pass: planRatio <= 6,
  },
  // The hardening issue's target, any input up to 1 MiB in under a second, is the value column.
  {
    figure: 'checklist import, 1 MiB Markdown',
    value: round(importTimes.import.median),
    unit: 'ms',
    spread: spreadOf(importTimes.import),
    reference: `markdown-it parse ${describe(importTimes.markdown)}`,
    ratio: round(importRatio),
    budget: '≤ 3× the Markdown parse',
    pass: importRatio <= 3,
  },
  {
    figure: `checklist import, slowest hostile 1 MiB input (${worst.name}, of ${Object.keys(hostile).length} shapes)`,
    value: round(worst.ms),
    unit: 'ms',
    spread: worst.spread,
    reference: worst.reference,
    ratio: round(worst.ratio),
    budget: `≤ ${HOSTILE_BUDGET}× the ordinary Markdown parse`,
    pass: worst.ratio <= HOSTILE_BUDGET,
  },
])
