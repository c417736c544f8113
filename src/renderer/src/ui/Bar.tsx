/**
 * A stacked bar of counts. SVG with the widths as attributes, so nothing needs an inline style
 * (the CSP has no 'unsafe-inline' for styles); colours come from the segments' tone classes.
 */
export function Bar({
  segments,
  label,
  height = 10,
}: {
  segments: { key: string; value: number; tone: string }[]
  label: string
  height?: number
}) {
  const total = segments.reduce((sum, s) => sum + s.value, 0)
  let x = 0
  return (
    <svg
      className="bar"
      viewBox={`0 0 1000 ${height}`}
      preserveAspectRatio="none"
      height={height}
      role="img"
      aria-label={label}
    >
      <rect className="bar-track" x={0} y={0} width={1000} height={height} rx={height / 2} />
      {total > 0 &&
        segments.map((s) => {
          const width = (s.value / total) * 1000
          const rect = (
            <rect
              key={s.key}
              className={`bar-seg tone-${s.tone}`}
              x={x}
              y={0}
              width={width}
              height={height}
            />
          )
          x += width
          return rect
        })}
    </svg>
  )
}
