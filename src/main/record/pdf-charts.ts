import type { RGB } from 'pdf-lib'
import type { LaunchRecord } from '../../shared/record/record'
import { COLOURS, PAGE, type Flow } from './pdf-layout'

type Canary = LaunchRecord['canaries'][number]
type Series = [number, number][]

interface IntervalEvidence {
  index?: number
  score?: number
  outcome?: string
  metrics?: {
    id: string
    status: string
    value: number | null
    baseline: number | null
    classification?: string
    p?: number
  }[]
  samples?: Record<string, { canary?: Series; baseline?: Series }>
}

/** Every sample of a metric over the run, one per timestamp (windows overlap). */
function gather(
  intervals: IntervalEvidence[],
  metric: string,
  side: 'canary' | 'baseline',
): Series {
  const byTime = new Map<number, number>()
  for (const interval of intervals)
    for (const [t, v] of interval.samples?.[metric]?.[side] ?? [])
      if (Number.isFinite(t) && Number.isFinite(v)) byTime.set(t, v)
  return [...byTime.entries()].sort((a, b) => a[0] - b[0])
}

const format = (v: number) => String(Number(v.toPrecision(3)))

/** A line chart drawn as vector paths: canary and baseline, with target and alert lines. */
function chart(
  flow: Flow,
  title: string,
  canary: Series,
  baseline: Series,
  thresholds: { label: string; value: number; color: RGB }[],
): void {
  const height = 120
  flow.need(height + 30)
  flow.text(title, { size: 9, bold: true, gap: 2 })
  const top = flow.y - 4
  const left = PAGE.margin + 40
  const width = flow.width - 40
  const bottom = top - height
  const all = [...canary, ...baseline]
  const values = [...all.map(([, v]) => v), ...thresholds.map((t) => t.value)]
  const times = all.map(([t]) => t)
  const yMin = Math.min(0, ...values)
  const yMax = Math.max(...values, yMin + 1e-9) * 1.1
  const tMin = Math.min(...times)
  const tMax = Math.max(...times, tMin + 1)
  const x = (t: number) => left + ((t - tMin) / (tMax - tMin)) * width
  const y = (v: number) => bottom + ((v - yMin) / (yMax - yMin)) * height
  const page = flow.page
  page.drawRectangle({
    x: left,
    y: bottom,
    width,
    height,
    borderColor: COLOURS.rule,
    borderWidth: 0.5,
  })
  for (const tick of [yMin, (yMin + yMax) / 2, yMax])
    page.drawText(format(tick), {
      x: PAGE.margin,
      y: y(tick) - 3,
      size: 6,
      font: flow.fonts.regular,
      color: COLOURS.muted,
    })
  for (const t of thresholds) {
    page.drawLine({
      start: { x: left, y: y(t.value) },
      end: { x: left + width, y: y(t.value) },
      thickness: 0.6,
      color: t.color,
      dashArray: [3, 2],
    })
    page.drawText(`${t.label} ${format(t.value)}`, {
      x: left + width - 60,
      y: y(t.value) + 2,
      size: 6,
      font: flow.fonts.regular,
      color: t.color,
    })
  }
  const line = (series: Series, color: RGB) => {
    for (let i = 1; i < series.length; i++) {
      const [t0, v0] = series[i - 1]!
      const [t1, v1] = series[i]!
      page.drawLine({
        start: { x: x(t0), y: y(v0) },
        end: { x: x(t1), y: y(v1) },
        thickness: 0.9,
        color,
      })
    }
  }
  line(baseline, COLOURS.baseline)
  line(canary, COLOURS.canary)
  flow.y = bottom - 4
  flow.text(
    `— canary (${canary.length} samples)   — baseline (${baseline.length} samples)   ${all.length ? `${new Date(tMin * 1000).toISOString()} → ${new Date(tMax * 1000).toISOString()}` : 'no samples'}`,
    {
      size: 6.5,
      color: COLOURS.muted,
      gap: 6,
    },
  )
}

/** One canary item: verdict, a chart per metric, the last interval's verdict table. */
export function drawCanaryCharts(flow: Flow, record: LaunchRecord, canary: Canary): void {
  const spec = record.plan.content.phases
    .flatMap((p) => p.items)
    .find((i) => i.id === canary.item)?.canary
  flow.text(`${canary.item}: ${canary.verdict.toUpperCase()}`, {
    size: 11,
    bold: true,
    color:
      canary.verdict === 'pass'
        ? COLOURS.pass
        : canary.verdict === 'fail'
          ? COLOURS.fail
          : COLOURS.warn,
  })
  if (canary.reason) flow.text(canary.reason, { size: 8, gap: 4 })
  const intervals = canary.intervals as IntervalEvidence[]
  for (const metric of spec?.metrics ?? []) {
    const thresholds = [
      ...(metric.target !== undefined
        ? [{ label: 'target', value: metric.target, color: COLOURS.warn }]
        : []),
      ...(metric.alert !== undefined
        ? [{ label: 'alert', value: metric.alert, color: COLOURS.fail }]
        : []),
    ]
    chart(
      flow,
      `${metric.title ?? metric.id}${metric.unit ? ` (${metric.unit})` : ''}`,
      gather(intervals, metric.id, 'canary'),
      gather(intervals, metric.id, 'baseline'),
      thresholds,
    )
  }
  const last = intervals[intervals.length - 1]
  if (last?.metrics?.length)
    flow.table(
      [
        { title: 'Metric', width: 0.2 },
        { title: 'Canary', width: 0.15 },
        { title: 'Baseline', width: 0.15 },
        { title: 'Status', width: 0.15 },
        { title: 'Mann-Whitney', width: 0.35 },
      ],
      last.metrics.map((m) => [
        m.id,
        m.value === null ? '—' : format(m.value),
        m.baseline === null ? '—' : format(m.baseline),
        m.status,
        m.classification
          ? `${m.classification}${m.p !== undefined ? `, p=${m.p.toPrecision(3)}` : ''}`
          : '—',
      ]),
    )
  if (last)
    flow.text(`Interval ${last.index ?? '?'}: ${last.outcome ?? ''}, score ${last.score ?? '?'}`, {
      size: 8,
      gap: 6,
    })
}
