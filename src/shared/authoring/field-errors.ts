import type { z } from 'zod'
import { compileCondition } from '../conditions/compile'
import type { SourceError } from '../plan/errors'

/** Where an edit is wrong, relative to the probe or canary edited (see FieldErrorSchema). */
export interface FieldError {
  path: string
  message: string
  offset?: number
}

/** zod issues of a probe or canary as field errors, each naming its path inside it. */
export function zodFieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    path: issue.path
      .map((s) => (typeof s === 'number' ? `[${s}]` : `.${String(s)}`))
      .join('')
      .replace(/^\./, ''),
    message: issue.message,
  }))
}

/**
 * Plan load errors as field errors: those inside `prefix` (the edited item's probe) relative to
 * it, the rest (an undeclared var elsewhere) with their plan path. A CEL condition that does not
 * compile gets the offset of the problem from compileCondition.
 */
export function loadFieldErrors(
  errors: readonly SourceError[],
  prefix: string,
  conditionAt: (path: string) => string | undefined,
): FieldError[] {
  return errors.map((e) => {
    const inside =
      e.path === prefix || e.path.startsWith(`${prefix}.`) || e.path.startsWith(`${prefix}[`)
    const path = inside ? e.path.slice(prefix.length).replace(/^\./, '') : e.path
    // Only a condition that does not compile has a character to point at.
    const source =
      inside && e.message.startsWith('condition does not compile') ? conditionAt(path) : undefined
    const compiled = source !== undefined ? compileCondition(source) : undefined
    return {
      path,
      message: e.message,
      ...(compiled && !compiled.ok && { offset: compiled.offset }),
    }
  })
}

/** The string at a path like `expect[1]` or `steps[0].capture.id` inside a JSON value. */
export function stringAt(root: unknown, path: string): string | undefined {
  let cur: unknown = root
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (cur === null || typeof cur !== 'object') return undefined
    const key = m[1] ?? Number(m[2])
    cur = (cur as Record<string | number, unknown>)[key]
  }
  return typeof cur === 'string' ? cur : undefined
}
