// Plan loading and checklist import on large inputs, against the bare parsers they build on
// (measured in the same run, so the ratio is the cost of GoNoGo's own work).
import { parse, stringify } from 'yaml'
import { importChecklist } from '../src/shared/import/checklist'
import { parseMarkdownBlocks } from '../src/shared/import/parse-markdown'
import { loadPlanText } from '../src/shared/plan/load'
import { medianMs, report, round } from './measure'

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
const loadMs = medianMs(() => {
  if (!loadPlanText(planYaml, 'bench.yaml').ok) throw new Error('bench plan invalid')
})
const parseMs = medianMs(() => parse(planYaml))

// A ~1 MiB checklist: headings, task lists, nested bullets, tables, criteria and mojibake.
const section = (n: number) =>
  `## ${n}. Section ${n}\n\nTasks:\n\n${Array.from({ length: 20 }, (_, i) => `- [${i % 4 ? ' ' : 'x'}] Task ${i} of section ${n} â€” verify it\n  - detail for ${i}`).join('\n')}\n\n| # | Task | Owner | Status |\n|---|---|---|---|\n${Array.from({ length: 10 }, (_, i) => `| ${n}.${i} | Table task ${i} | Dana | ✅ |`).join('\n')}\n\nValidation goals:\n- goal one for ${n}\n- goal two for ${n}\n\n`
let markdown = '# Big launch\n\n'
for (let n = 1; markdown.length < 1024 * 1024; n++) markdown += section(n)
const importMs = medianMs(
  () => {
    if (!importChecklist(markdown, 'big.md').ok) throw new Error('import failed')
  },
  3,
  0,
)
const mdMs = medianMs(() => parseMarkdownBlocks(markdown), 3, 0)

// Hostile 1 MiB inputs that pass the importer's shape guard (blank lines between blocks, under
// the item and heading limits): deep list nesting, long lines of inline markup, big tables,
// mojibake everywhere, emphasis delimiters that never close. The slowest one is the figure.
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
let worst = { name: '', ms: 0 }
for (const [name, text] of Object.entries(hostile)) {
  const ms = medianMs(() => importChecklist(text, 'hostile.md'), 1, 0)
  if (ms > worst.ms) worst = { name, ms }
}

report([
  {
    figure: 'plan load, 1,000 items (parse + validate + positions + hash)',
    value: round(loadMs),
    unit: 'ms',
    reference: `yaml.parse ${round(parseMs)} ms`,
    ratio: round(loadMs / parseMs),
    budget: '≤ 6× yaml.parse',
    pass: loadMs / parseMs <= 6,
  },
  {
    figure: 'checklist import, 1 MiB Markdown',
    value: round(importMs),
    unit: 'ms',
    reference: `markdown-it parse ${round(mdMs)} ms`,
    ratio: round(importMs / mdMs),
    budget: '≤ 3× the Markdown parse',
    pass: importMs / mdMs <= 3,
  },
  // The hardening issue's target: any input up to 1 MiB in under a second.
  {
    figure: 'checklist import, 1 MiB Markdown, absolute',
    value: round(importMs),
    unit: 'ms',
    reference: 'target from the hardening issue',
    ratio: null,
    budget: '< 1,000 ms',
    pass: importMs < 1000,
  },
  {
    figure: `checklist import, slowest hostile 1 MiB input (${worst.name})`,
    value: round(worst.ms),
    unit: 'ms',
    reference: `${Object.keys(hostile).length} hostile shapes`,
    ratio: null,
    budget: '< 1,000 ms',
    pass: worst.ms < 1000,
  },
])
