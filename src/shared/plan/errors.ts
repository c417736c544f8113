/** A problem in a plan or checklist file, positioned so an editor can jump to it. */
export interface SourceError {
  file: string
  /** 1-based; absent when the problem is not tied to a place (e.g. an empty file). */
  line?: number
  column?: number
  /** Field path such as `phases[1].items[3].blocking`; empty for syntax errors. */
  path: string
  message: string
}

export function formatSourceError(e: SourceError): string {
  const where = e.line !== undefined ? `${e.file}:${e.line}:${e.column ?? 1}` : e.file
  return e.path ? `${where}: ${e.path}: ${e.message}` : `${where}: ${e.message}`
}

export type PathSegment = string | number

export function formatPath(path: readonly PathSegment[]): string {
  let out = ''
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`
    else if (/^[A-Za-z_$][\w$]*$/.test(seg)) out += out ? `.${seg}` : seg
    else out += `[${JSON.stringify(seg)}]`
  }
  return out
}

/** Short, quoted rendering of a value for "got …" in messages. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing'
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return 'a mapping'
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value)
  return text.length > 60 ? `${text.slice(0, 57)}…` : text
}
