let cachedSecond = Number.NaN
let cachedPrefix = ''

/**
 * `new Date(ms).toISOString()`, with everything up to the second formatted once per second: the
 * probe engine stamps two times on every result, and formatting a Date is a visible part of a
 * loopback probe's cost.
 */
export function isoTime(ms: number): string {
  const whole = Math.floor(ms)
  const second = Math.floor(whole / 1000)
  if (second !== cachedSecond) {
    const full = new Date(whole).toISOString()
    // Years outside 0000-9999 are written with a sign and six digits: not worth a cache.
    if (full.length !== 24) return full
    cachedSecond = second
    cachedPrefix = full.slice(0, 20)
  }
  const millis = whole - second * 1000
  return `${cachedPrefix}${millis < 10 ? '00' : millis < 100 ? '0' : ''}${millis}Z`
}
