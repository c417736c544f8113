// npm run bench:readme: put the figures of bench/results.json into the README's "Performance"
// table (the rows after its header, up to the first blank line), with the machine they ran on.
import { readFileSync, writeFileSync } from 'node:fs'

const { date, machine, figures } = JSON.parse(readFileSync('bench/results.json', 'utf8'))
const rows = figures.map(
  (f) =>
    `| ${f.figure} | ${f.value} ${f.unit} | ${f.reference} | ${f.ratio ?? '—'} | ${f.budget} ${f.pass ? '✓' : '✗'} |`,
)
const readme = readFileSync('README.md', 'utf8')
const header =
  '| figure | value | reference (same run) | ratio | budget |\n| --- | --- | --- | --- | --- |\n'
const start = readme.indexOf(header)
if (start < 0) throw new Error('README.md: the Performance table header is missing')
const end = readme.indexOf('\n\n', start)
const intro = /Latest run \([^)]*\):/
const where = `Latest run (${date.slice(0, 10)}; ${machine.cpus} cores, ${machine.memoryGiB} GiB, Node ${machine.node.replace(/^v/, '')}, ${machine.platform}):`
writeFileSync(
  'README.md',
  (readme.slice(0, start) + header + rows.join('\n') + readme.slice(end)).replace(intro, where),
)
