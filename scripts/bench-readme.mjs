// npm run bench:readme [-- BUSY.json]: put the figures of bench/results.json into the README's
// "Performance" table (the rows after its header, up to the first blank line), with the machine
// they ran on. With a second results file (the same bench run beside a CPU hog), each row also
// gets that run's value and ratio.
import { readFileSync, writeFileSync } from 'node:fs'

const { date, machine, figures } = JSON.parse(readFileSync('bench/results.json', 'utf8'))
const busyFile = process.argv[2]
const busy = busyFile ? JSON.parse(readFileSync(busyFile, 'utf8')).figures : undefined
const mark = (f) => (f.pass ? '✓' : '✗')
const value = (f) => `${f.value} ${f.unit}${f.spread ? ` (${f.spread})` : ''}`
const rows = figures.map((f) => {
  const cells = [f.figure, value(f), f.reference, f.ratio ?? '—', `${f.budget} ${mark(f)}`]
  if (busy) {
    // A row named after what it found (the slowest of several inputs) may name another one in
    // the other run: then the row that starts the same way, if only one does, with its own name.
    const stem = (figure) => figure.split(' (')[0]
    const alike = busy.filter((x) => stem(x.figure) === stem(f.figure))
    const b = busy.find((x) => x.figure === f.figure) ?? (alike.length === 1 ? alike[0] : undefined)
    const which = b && b.figure !== f.figure ? ` (${b.figure.slice(stem(b.figure).length + 2)}` : ''
    cells.push(b ? `${value(b)}; ratio ${b.ratio ?? '—'} ${mark(b)}${which}` : 'not run')
  }
  return `| ${cells.join(' | ')} |`
})
const columns = [
  'figure',
  'value: median (min–max)',
  'reference (same run, interleaved)',
  'ratio',
  'budget',
  ...(busy ? ['beside a CPU hog: value; ratio'] : []),
]
const header = `| ${columns.join(' | ')} |\n|${columns.map(() => ' --- |').join('')}\n`
const readme = readFileSync('README.md', 'utf8')
const section = readme.indexOf('## Performance')
const start = readme.indexOf('\n| figure |', section) + 1
if (section < 0 || start <= 0) throw new Error('README.md: the Performance table is missing')
const end = readme.indexOf('\n\n', start)
const intro = /Latest run \([^)]*\):/
const where = `Latest run (${date.slice(0, 10)}; ${machine.cpus} cores, ${machine.memoryGiB} GiB, Node ${machine.node.replace(/^v/, '')}, ${machine.platform}):`
writeFileSync(
  'README.md',
  (readme.slice(0, start) + header + rows.join('\n') + readme.slice(end)).replace(intro, where),
)
