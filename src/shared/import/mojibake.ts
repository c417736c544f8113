/**
 * Repair text that was UTF-8 but got decoded as Windows-1252 / Latin-1 somewhere on its way
 * (`â€”` for `—`, `â‰¤` for `≤`, `ðŸš€` for `🚀`). Each suspicious character is mapped back to the
 * byte it came from; only byte runs that form a complete, valid UTF-8 sequence are replaced, so
 * genuine Latin-1 text such as "café" is left alone.
 */

// Windows-1252 bytes 0x80–0x9F that differ from Latin-1.
const CP1252_HIGH: Record<number, number> = {
  0x20ac: 0x80,
  0x201a: 0x82,
  0x0192: 0x83,
  0x201e: 0x84,
  0x2026: 0x85,
  0x2020: 0x86,
  0x2021: 0x87,
  0x02c6: 0x88,
  0x2030: 0x89,
  0x0160: 0x8a,
  0x2039: 0x8b,
  0x0152: 0x8c,
  0x017d: 0x8e,
  0x2018: 0x91,
  0x2019: 0x92,
  0x201c: 0x93,
  0x201d: 0x94,
  0x2022: 0x95,
  0x2013: 0x96,
  0x2014: 0x97,
  0x02dc: 0x98,
  0x2122: 0x99,
  0x0161: 0x9a,
  0x203a: 0x9b,
  0x0153: 0x9c,
  0x017e: 0x9e,
  0x0178: 0x9f,
}

function byteOf(ch: string): number | undefined {
  const code = ch.codePointAt(0) ?? 0
  if (code >= 0x80 && code <= 0xff) return code
  return CP1252_HIGH[code]
}

function sequenceLength(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 2
  if (lead >= 0xe0 && lead <= 0xef) return 3
  if (lead >= 0xf0 && lead <= 0xf4) return 4
  return 0
}

const decoder = new TextDecoder('utf-8', { fatal: true })

/** Characters that stand for a UTF-8 continuation byte (0x80–0xBF) once mis-decoded. */
const CONTINUATION = `\u0080-\u00bf${Object.keys(CP1252_HIGH)
  .map((code) => `\\u${Number(code).toString(16).padStart(4, '0')}`)
  .join('')}`

/**
 * A possible mis-decoded sequence: a lead byte's character (0xC2–0xF4) and up to three
 * continuation characters. Only these runs are examined; the rest of the text is copied as it is,
 * which keeps a 1 MiB checklist to a single regex pass.
 */
const CANDIDATE = new RegExp(`[\u00c2-\u00f4][${CONTINUATION}]{1,3}`, 'g')

function repairOnce(text: string): { text: string; repairs: number } {
  let repairs = 0
  const repaired = text.replace(CANDIDATE, (run) => {
    const lead = run.charCodeAt(0)
    const len = sequenceLength(lead)
    if (len === 0 || run.length < len) return run
    const bytes = new Uint8Array(len)
    bytes[0] = lead
    for (let j = 1; j < len; j++) {
      const b = byteOf(run[j]!)
      if (b === undefined || b < 0x80 || b > 0xbf) return run
      bytes[j] = b
    }
    try {
      const decoded = decoder.decode(bytes)
      repairs++
      return decoded + run.slice(len)
    } catch {
      // not valid UTF-8 after all (overlong, surrogate): keep the characters as they are
      return run
    }
  })
  return { text: repaired, repairs }
}

/** Repairs up to two layers of mis-decoding; returns the text and how many sequences were fixed. */
export function repairMojibake(text: string): { text: string; repairs: number } {
  let current = text
  let total = 0
  for (let round = 0; round < 2; round++) {
    const { text: next, repairs } = repairOnce(current)
    if (repairs === 0) break
    total += repairs
    current = next
  }
  return { text: current, repairs: total }
}

/** True when text still looks mis-decoded (used by tests and as an output guard). */
export function looksLikeMojibake(text: string): boolean {
  return /â€|â‰|Ã[\u0080-\u00bf]|ðŸ|Â[\u00a0-\u00bf]/.test(text)
}
