// One closing line over every runner's JSON report: "N passed, N failed".
import { existsSync, readFileSync } from 'node:fs'

let passed = 0
let failed = 0
const vitest = 'test-results/vitest.json'
if (existsSync(vitest)) {
  const r = JSON.parse(readFileSync(vitest, 'utf8'))
  passed += r.numPassedTests
  failed += r.numFailedTests + (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0)
}
for (const file of [
  'test-results/playwright-chromium.json',
  'test-results/playwright-electron.json',
]) {
  if (!existsSync(file)) continue
  const s = JSON.parse(readFileSync(file, 'utf8')).stats
  passed += s.expected + s.flaky
  failed += s.unexpected + s.skipped
}
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed > 0 || passed === 0 ? 1 : 0)
