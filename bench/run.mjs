// npm run bench: builds and runs every bench/*.bench.ts, collects their figures into bench/results.json and
// prints a table. Each figure: { figure, value (the median), unit, spread (min–max), reference (measured
// in the same run, interleaved), ratio (the budget's), budget, pass }.
import { spawnSync } from 'node:child_process'
import { readdirSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { resolve } from 'node:path'
import { build } from 'vite'

// `npm run bench -- event-log` runs only the benches whose name contains that (and keeps results.json).
const only = process.argv[2]
const files = readdirSync('bench')
  .filter((f) => f.endsWith('.bench.ts') && (!only || f.includes(only)))
  .sort()
const figures = []
let ok = true
for (const file of files) {
  // Bundled the way the app and CLI ship (dependencies external, as electron-vite does), then run
  // by plain node: a dev runner such as vite-node turns every imported name into a getter call,
  // which is not what users run and skews hot loops.
  const name = file.replace(/\.ts$/, '.mjs')
  await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      ssr: resolve('bench', file),
      outDir: resolve('.tmp/bench-build'),
      emptyOutDir: false,
      rollupOptions: { output: { entryFileNames: name } },
    },
  })
  const r = spawnSync(process.execPath, [resolve('.tmp/bench-build', name)], {
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
if (!only)
  writeFileSync(
    'bench/results.json',
    JSON.stringify({ date: new Date().toISOString(), machine, figures }, null, 2) + '\n',
  )
console.table(
  figures.map((f) => ({
    figure: f.figure,
    value: `${f.value} ${f.unit}`,
    spread: f.spread ?? '',
    reference: f.reference,
    ratio: f.ratio,
    budget: f.budget,
    pass: f.pass,
  })),
)
if (figures.some((f) => !f.pass)) ok = false
console.log(ok ? 'all benchmarks within budget' : 'some benchmarks are over budget or failed')
process.exit(ok ? 0 : 1)
