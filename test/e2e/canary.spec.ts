import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from './fixtures'

test('a canary analysis runs from the window with charts of canary against baseline', async ({
  cockpit,
}) => {
  // A JSON metrics endpoint on loopback: the canary a little slower than the baseline.
  const server = createServer((_req, res) => {
    const body = JSON.stringify({
      canary: Array.from({ length: 25 }, (_, i) => 182 + (i % 7)),
      baseline: Array.from({ length: 25 }, (_, i) => 178 + (i % 7)),
    })
    res.writeHead(200, { 'content-type': 'application/json' }).end(body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  try {
    const port = (server.address() as AddressInfo).port
    const plan = join(cockpit.scratch, 'canary-plan.yaml')
    writeFileSync(
      plan,
      `name: Canary in the window
phases:
  - id: canary
    title: Canary
    items:
      - id: p95
        title: Canary p95 holds
        canary:
          source: { type: json, url: 'http://127.0.0.1:${port}/stats' }
          analysis: { count: 2, interval: 1s }
          metrics:
            - { id: p95, unit: ms, canary: body.canary, baseline: body.baseline, target: 300, alert: 500, maxRatio: 1.2 }
`,
    )
    const { page } = cockpit
    cockpit.nextOpenFile(plan)
    await page.getByRole('button', { name: 'Open plan or checklist…' }).click()
    // The canary card starts the analysis; the item's drawer shows the charts.
    await page
      .getByRole('region', { name: 'Canary' })
      .getByRole('button', { name: 'Run analysis' })
      .click()
    await page.locator('#item-p95 .item-title').click()
    const item = page.getByRole('complementary', { name: 'Details of p95' })
    const verdict = item.getByRole('status')
    await expect(verdict).toHaveAttribute('data-verdict', 'pass', { timeout: 15_000 })
    await expect(verdict.locator('.reason')).toContainText('stable for 1 s')
    await expect(item.getByRole('img', { name: 'p95 (ms): canary against baseline' })).toBeVisible()
    await expect(item.locator('canvas')).toHaveCount(1)
    await expect(item.locator('tr[data-metric="p95"]')).toContainText('184.8')
    // The board's canary card: the verdict and how long it has been stable.
    const card = page.getByRole('region', { name: 'Canary' })
    await expect(card.locator('[data-status]')).toHaveAttribute('data-status', 'pass')
    await expect(card.getByLabel('Canary stable for')).toHaveText(/^stable \d+ s of 1 s$/)
    await cockpit.screenshot('canary-chart')
  } finally {
    server.close()
  }
})
