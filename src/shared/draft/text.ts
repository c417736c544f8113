/**
 * Reading an item's words: endpoints, statuses, fields in backticks, durations, thresholds,
 * percentages, host names. Pure string work; every rule reads the same facts.
 */

export const HTTP_METHOD_RE = /\b(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)\b/

/** Backticks and Markdown emphasis are the author's own quoting: keep the spans, drop the marks. */
export function plainText(text: string): string {
  return text
    .replace(/\*\*|__/g, '')
    .replace(/\s+/g, ' ')
    .trim()
}

export function codeSpans(text: string): string[] {
  return [...text.matchAll(/`([^`]+)`/g)].map((m) => (m[1] ?? '').trim()).filter(Boolean)
}

export interface Endpoint {
  method?: string
  /** A path (`/health`, `/api/jobs/{job_id}`) or an absolute URL. */
  target: string
  /** Where in the text it ends (what follows is about the response). */
  end: number
}

const PATH = String.raw`\/[A-Za-z0-9._~\-/{}:<>?=&%$]*`
const URL = String.raw`https?:\/\/[^\s\`'")<>,]+`
const ENDPOINT_RE = new RegExp(
  String.raw`(?:\b(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)\s+)?\`?(${URL}|${PATH})`,
  'g',
)

/** The first endpoint the text names: `GET /health`, `` `POST /api/upload` ``, a URL. */
export function findEndpoint(text: string): Endpoint | undefined {
  for (const m of text.matchAll(ENDPOINT_RE)) {
    const target = (m[2] ?? '').replace(/[.,;:]+$/, '')
    const method = m[1]
    // A bare "/" or a fraction like "24/7" is not an endpoint; a path needs a letter.
    if (!/[A-Za-z]/.test(target)) continue
    const before = text.slice(Math.max(0, (m.index ?? 0) - 1), m.index ?? 0)
    if (!method && /[A-Za-z0-9]$/.test(before)) continue
    // "TestFlight internal/external": a slash between words is not a path.
    if (!method && !target.startsWith('http') && !/^\/[a-z]/i.test(target)) continue
    // Without a method, a path counts when quoted (`/health`) or shaped like an API's.
    const quoted = (m[0] ?? '').startsWith('`') || before === '`'
    if (
      !method &&
      !target.startsWith('http') &&
      !quoted &&
      !/^\/(api|v\d|health|status|ready|live|metrics)/i.test(target)
    )
      continue
    return { ...(method && { method }), target, end: (m.index ?? 0) + m[0].length }
  }
  return undefined
}

/** Placeholders an author writes in a path for a value from an earlier step: {id}, :id, <id>. */
export function pathPlaceholders(path: string): string[] {
  const names: string[] = []
  for (const m of path.matchAll(/\{([A-Za-z_]\w*)\}|<([A-Za-z_]\w*)>|:([A-Za-z_]\w*)/g))
    names.push(m[1] ?? m[2] ?? m[3] ?? '')
  return names.filter(Boolean)
}

/** An HTTP status the text expects: "returns 200", "HTTP 401", "with a 2xx". */
export function findStatus(text: string): number | '2xx' | undefined {
  const m =
    /\b(?:HTTP\s*)?([1-5]\d\d)\b(?!\s*(?:ms|milliseconds|requests|users|%|s\b|seconds))/.exec(text)
  if (m) return Number(m[1])
  if (/\b2xx\b/i.test(text)) return '2xx'
  return undefined
}

const UNIT_TO_SUFFIX: Record<string, string> = {
  ms: 'ms',
  millisecond: 'ms',
  milliseconds: 'ms',
  s: 's',
  sec: 's',
  secs: 's',
  second: 's',
  seconds: 's',
  m: 'm',
  min: 'm',
  mins: 'm',
  minute: 'm',
  minutes: 'm',
  h: 'h',
  hr: 'h',
  hrs: 'h',
  hour: 'h',
  hours: 'h',
  d: 'd',
  day: 'd',
  days: 'd',
}
const DURATION_RE =
  /\b(\d+(?:\.\d+)?)\s*(milliseconds?|ms|seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d)\b/gi

export interface FoundDuration {
  /** As the plan writes it: 36h, 2h, 5m, 500ms. */
  text: string
  ms: number
  index: number
  words: string
}

const MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const

/** Every duration in the text ("36 hours", "2 h", "5 minutes", "1 second", "500 ms"). */
export function findDurations(text: string): FoundDuration[] {
  const out: FoundDuration[] = []
  for (const m of text.matchAll(DURATION_RE)) {
    const suffix = UNIT_TO_SUFFIX[(m[2] ?? '').toLowerCase()] as keyof typeof MS | undefined
    if (!suffix) continue
    const value = Number(m[1])
    out.push({
      text: `${m[1]}${suffix}`,
      ms: value * MS[suffix],
      index: m.index ?? 0,
      words: m[0],
    })
  }
  return out
}

/** "within 5 minutes", "every 30 s": the interval a continuous check should keep. */
export function detectWithin(text: string): FoundDuration | undefined {
  const m =
    /\b(?:detect|notice|catch|spot)\w*\b[^.;\n]{0,80}?\bwithin\s+(\d+(?:\.\d+)?)\s*(minutes?|mins?|m|seconds?|s|hours?|h)\b/i.exec(
      text,
    )
  if (!m) return undefined
  return findDurations(`${m[1]} ${m[2]}`)[0]
}

export type Comparator = '<' | '<=' | '>' | '>='

export interface Threshold {
  comparator: Comparator
  value: number
  unit?: string
  words: string
}

const COMPARATOR_WORDS: [RegExp, Comparator][] = [
  [/^(?:≤|<=|=<|at most|no more than|max(?:imum)?|within|not above|not over)$/i, '<='],
  [/^(?:<|under|below|less than|lower than|beneath)$/i, '<'],
  [/^(?:≥|>=|at least|min(?:imum)?|no less than)$/i, '>='],
  [/^(?:>|above|over|more than|greater than)$/i, '>'],
]
const THRESHOLD_RE =
  /(≤|<=|=<|≥|>=|<|>|at most|no more than|not above|not over|maximum|max|within|under|below|less than|lower than|beneath|at least|no less than|minimum|min|above|over|more than|greater than)\s*(\d+(?:\.\d+)?)\s*(%|ms|milliseconds?|seconds?|secs?|s\b|minutes?)?/gi

/** Comparisons with numbers: "≤ 200 ms", "under 1 second", "< 1%", "at least 99.9%". */
export function findThresholds(text: string): Threshold[] {
  const out: Threshold[] = []
  for (const m of text.matchAll(THRESHOLD_RE)) {
    const word = (m[1] ?? '').trim()
    const comparator = COMPARATOR_WORDS.find(([re]) => re.test(word))?.[1]
    if (!comparator) continue
    const unitWord = (m[3] ?? '').toLowerCase()
    const unit =
      unitWord === '%' ? '%' : unitWord ? UNIT_TO_SUFFIX[unitWord.replace(/\b$/, '')] : undefined
    out.push({ comparator, value: Number(m[2]), ...(unit && { unit }), words: m[0].trim() })
  }
  return out
}

/** Thresholds with the value turned into milliseconds (latency). */
export function latencyThreshold(text: string): (Threshold & { ms: number }) | undefined {
  for (const t of findThresholds(text)) {
    if (t.unit === 'ms') return { ...t, ms: t.value }
    if (t.unit === 's') return { ...t, ms: t.value * 1000 }
    if (t.unit === 'm') return { ...t, ms: t.value * 60_000 }
  }
  return undefined
}

/** "p95", "p99", "95th percentile", "median" → 50, 95, 99. */
export function findPercentile(text: string): 50 | 95 | 99 | undefined {
  const m = /\bp(50|95|99)\b|\b(50|95|99)(?:th)?[- ]percentile\b|\b(median)\b/i.exec(text)
  if (!m) return undefined
  if (m[3]) return 50
  return Number(m[1] ?? m[2]) as 50 | 95 | 99
}

/** "10 %", "10%": the first percentage. */
export function findPercent(text: string): number | undefined {
  const m = /(\d+(?:\.\d+)?)\s*%/.exec(text)
  return m ? Number(m[1]) : undefined
}

const TLDS =
  'com|io|dev|app|net|org|co|ai|so|sh|cloud|tech|in|de|uk|fr|eu|us|ca|au|nl|se|ch|me|xyz|site|page|email|run'
const HOST_RE = new RegExp(
  String.raw`^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.){1,8}(?:${TLDS})$`,
  'i',
)

/**
 * Host names written in the text (api.example.com), not file names, e-mail addresses or paths.
 * Word by word with bounded labels, so a long run of text costs linear time.
 */
export function findHosts(text: string): string[] {
  const hosts: string[] = []
  for (const raw of text.split(/[\s`'"(),;<>[\]]+/)) {
    if (raw.length > 253 || raw.includes('@') || raw.includes('/')) {
      // A URL's host still counts.
      const url = /^https?:\/\/([^/:?#]+)/i.exec(raw)?.[1]
      if (url && HOST_RE.test(url) && !hosts.includes(url.toLowerCase()))
        hosts.push(url.toLowerCase())
      continue
    }
    const word = raw.replace(/[.:!?]+$/, '').toLowerCase()
    if (HOST_RE.test(word) && !hosts.includes(word)) hosts.push(word)
  }
  return hosts
}

/** A CEL literal for a value an author wrote: numbers and booleans as such, the rest as strings. */
export function celLiteral(value: string): string {
  if (/^-?\d+(?:\.\d+)?$/.test(value)) return value
  if (value === 'true' || value === 'false' || value === 'null') return value
  return JSON.stringify(value.replace(/^["']|["']$/g, ''))
}

/** A name usable as a plan var or flow capture: letters, digits, _. */
export function varName(words: string): string {
  const name = words
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 40)
    .replace(/_+$/, '')
  return /^[a-z_]/.test(name) ? name : `v_${name}`
}

/** A credential name: lower-case letters, digits, _ or -. */
export function credentialName(words: string): string {
  const name = varName(words)
  return /^[a-z]/.test(name) ? name : `c${name}`
}

const FIELD_WORDS =
  /^(status|state|version|result|results|count|total|healthy|ok|error|errors|items|data|message)$/i
const IDENTIFIER = /[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*/g

/**
 * Checklists often lose their backticks on the way (the importer keeps the text, not the marks):
 * "status is ok, checks.migrations.pending is 0, returns an access_token". Quote what reads as a
 * field or an identifier — dotted or snake_case names, and common field words before "is" — so
 * the same rules read both.
 */
export function quoteProse(text: string): string {
  if (text.includes('`')) return text
  return text.replace(IDENTIFIER, (word, offset: number) => {
    const before = text[offset - 1] ?? ' '
    const after = text.slice(offset + word.length)
    if (/[/?=&{:<.\w@-]/.test(before) || /^[\w/@-]/.test(after) || /^\.[A-Za-z0-9]/.test(after))
      return word
    const dotted = word.includes('.')
    if (dotted && new RegExp(String.raw`^(?:[a-z0-9-]+\.)+(?:${TLDS})$`, 'i').test(word))
      return word
    if (dotted || word.includes('_')) return `\`${word}\``
    if (FIELD_WORDS.test(word) && /^\s+(?:is|are|==|equals?)\s+(?!a\b|an\b|the\b)\S/i.test(after))
      return `\`${word}\``
    return word
  })
}
