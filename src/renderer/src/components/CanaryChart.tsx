import { useEffect, useRef } from 'react'
import uPlot from 'uplot'
import 'uplot/dist/uPlot.min.css'

export interface ChartSeries {
  canary: [number, number][]
  baseline: [number, number][]
}

/** Canary against baseline over time, with the metric's target and alert as dashed lines. */
export function CanaryChart({
  title,
  series,
  target,
  alert,
}: {
  title: string
  series: ChartSeries
  target?: number | undefined
  alert?: number | undefined
}) {
  const box = useRef<HTMLDivElement>(null)
  useEffect(() => {
    const el = box.current
    if (!el) return
    // One x axis: every timestamp either side has, in order.
    const times = [...new Set([...series.canary, ...series.baseline].map(([t]) => t))].sort(
      (a, b) => a - b,
    )
    const at = (points: [number, number][]) => {
      const byTime = new Map(points)
      return times.map((t) => byTime.get(t) ?? null)
    }
    const constant = (v: number | undefined) => times.map(() => v ?? null)
    const plot = new uPlot(
      {
        title,
        width: Math.max(320, el.clientWidth || 560),
        height: 180,
        series: [
          {},
          { label: 'canary', stroke: '#d9591a', width: 1.5, spanGaps: true },
          { label: 'baseline', stroke: '#3366cc', width: 1.5, spanGaps: true },
          {
            label: 'target',
            stroke: '#b7791f',
            dash: [6, 4],
            width: 1,
            show: target !== undefined,
          },
          { label: 'alert', stroke: '#c53030', dash: [6, 4], width: 1, show: alert !== undefined },
        ],
        axes: [{}, { size: 60 }],
      },
      [times, at(series.canary), at(series.baseline), constant(target), constant(alert)],
      el,
    )
    return () => plot.destroy()
  }, [title, series, target, alert])
  return (
    <div
      ref={box}
      className="canary-chart"
      role="img"
      aria-label={`${title}: canary against baseline`}
    />
  )
}
