// npm run bench: runs every bench/*.bench.ts, collects their figures into bench/results.json and
// prints a table. Each figure: { figure, value, unit, reference, ratio, budget, pass }.
import { spawnSync } from 'node:child_process'
import { readdirSync, writeFileSync } from 'node:fs'
import os from 'node:os'

const files = readdirSync('bench')
  .filter((f) => f.endsWith('.bench.ts'))
  .sort()
const figures = []
let ok = true
for (const file of files) {
  const r = spawnSync('npx', ['vite-node', `bench/${file}`], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  })
  const line = r.stdout.split('\n').find((l) => l.startsWith('BENCH '))
  if (r.status !== 0 || !line) {
    console.error(`${file} failed:\n${r.stderr}`)
    ok = false
    continue
  }
  figures.push(...JSON.parse(line.slice(6)))
}
const machine = {
  cpus: os.cpus().length,
  model: os.cpus()[0]?.model,
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  platform: `${os.platform()} ${os.release()}`,
}
writeFileSync(
  'bench/results.json',
  JSON.stringify({ date: new Date().toISOString(), machine, figures }, null, 2) + '\n',
)
console.table(
  figures.map((f) => ({
    figure: f.figure,
    value: `${f.value} ${f.unit}`,
    reference: f.reference,
    ratio: f.ratio,
    budget: f.budget,
    pass: f.pass,
  })),
)
if (figures.some((f) => !f.pass)) ok = false
console.log(ok ? 'all benchmarks within budget' : 'some benchmarks are over budget or failed')
process.exit(ok ? 0 : 1)
