import { CONDITION_VARIABLES } from '../conditions/compile'

/**
 * Autocompletion of the names a probe condition may use: the documented context variables
 * (CONDITION_VARIABLES) and the paths the last Try's response offered (`body.data.id`,
 * `headers.content-type`). Pure: the conditions editor asks, then inserts what it picked.
 */

export interface Completion {
  /** The name as the list shows it: `body.data.id`, `headers.content-type`. */
  label: string
  /** The CEL text that replaces the word being typed: `headers["content-type"]`. */
  insert: string
  /** What the name holds, for the documented variables. */
  detail?: string
}

export interface CompletionAnswer {
  /** The range of the source the chosen completion replaces. */
  from: number
  to: number
  options: Completion[]
}

/** At most this many options are offered; typing more narrows them. */
export const MAX_COMPLETIONS = 20

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/
/** Characters of a name being typed: identifiers, dots, and dashes (header names). */
const NAME_CHAR = /[A-Za-z0-9_.-]/

/** The path written as CEL: segments that are not identifiers become `["…"]` index steps. */
export function celPath(path: string): string {
  const [head = '', ...rest] = path.split('.')
  return rest.reduce(
    (text, segment) =>
      IDENTIFIER.test(segment) ? `${text}.${segment}` : `${text}[${JSON.stringify(segment)}]`,
    head,
  )
}

/**
 * What to offer at `caret` in `source`: names that start with the word before the caret
 * (documented variables first, then the last response's paths), or nothing when the caret is not
 * after a name (inside a string literal, after an operator with no letters typed).
 */
export function completeCondition(
  source: string,
  caret: number,
  responseNames: readonly string[] = [],
): CompletionAnswer {
  const end = Math.max(0, Math.min(caret, source.length))
  let from = end
  while (from > 0 && NAME_CHAR.test(source.charAt(from - 1))) from -= 1
  // A dash only continues a name after a dot-path has begun (`headers.content-ty`), never `a - b`.
  while (from < end && !/[A-Za-z_]/.test(source.charAt(from))) from += 1
  const word = source.slice(from, end)
  const none = { from: end, to: end, options: [] }
  if (insideString(source, from)) return none
  if (word === '' && !/(^|[\s(!&|,=<>+*/-])$/.test(source.slice(0, end))) return none
  const seen = new Set<string>()
  const options: Completion[] = []
  const offer = (label: string, detail?: string) => {
    if (seen.has(label) || !label.startsWith(word) || label === word) return
    seen.add(label)
    options.push({ label, insert: celPath(label), ...(detail !== undefined && { detail }) })
  }
  for (const [name, { doc }] of Object.entries(CONDITION_VARIABLES)) offer(name, doc)
  for (const name of [...responseNames].sort()) offer(name)
  return { from, to: end, options: options.slice(0, MAX_COMPLETIONS) }
}

/** Whether `at` is inside a quoted string (an odd number of unescaped quotes before it). */
function insideString(source: string, at: number): boolean {
  let quote: string | null = null
  for (let i = 0; i < at; i += 1) {
    const c = source.charAt(i)
    if (quote) {
      if (c === '\\') i += 1
      else if (c === quote) quote = null
    } else if (c === '"' || c === "'") quote = c
  }
  return quote !== null
}

/** Apply a chosen completion: the new source and where the caret goes. */
export function applyCompletion(
  source: string,
  answer: Pick<CompletionAnswer, 'from' | 'to'>,
  chosen: Completion,
): { source: string; caret: number } {
  const next = source.slice(0, answer.from) + chosen.insert + source.slice(answer.to)
  return { source: next, caret: answer.from + chosen.insert.length }
}

/**
 * The source split around a compile error's offset, for showing the character at fault (the end
 * of the source is shown as a marked blank: "expected more here").
 */
export function splitAtError(
  source: string,
  offset: number,
): { before: string; at: string; after: string } {
  const at = Math.max(0, Math.min(offset, source.length))
  return {
    before: source.slice(0, at),
    at: source.charAt(at) || ' ',
    after: source.slice(at + 1),
  }
}
