import type { Ajv, ValidateFunction } from 'ajv'
import { z } from 'zod'

/**
 * A quick yes for values that a zod schema accepts, for the few schemas on a hot path (replaying a
 * session checks 100,000 events). The zod schema stays the single definition: it is converted to
 * JSON Schema and compiled once by Ajv, which checks a value in place without building a parsed
 * copy (several times faster, and no garbage). Ajv only ever says yes; whenever it says no, zod
 * decides and gives the message, so a difference in the conversion can only cost time.
 *
 * Only for schemas whose output equals their input and that have no refinements (JSON Schema has
 * no way to express those), which `fastAccept` refuses at compile time; a test checks that the two
 * agree on good and bad values.
 *
 * Loading and compiling Ajv costs about 0.1 s, more than zod spends on a few thousand values: until
 * `loadFastAccept()` has run, every check is zod's alone. Callers about to check many values (a
 * big log replaying) load it first; a `gonogo status` on a small session never pays for it.
 */
export function fastAccept<T extends z.ZodType>(
  schema: T,
): (value: unknown) => value is z.output<T> {
  let validate: ValidateFunction | undefined
  return (value: unknown): value is z.output<T> => {
    if (!validate) {
      if (!ajv) return schema.safeParse(value).success
      validate = compile(ajv, schema)
    }
    return validate(value) || schema.safeParse(value).success
  }
}

let ajv: Ajv | undefined
let loading: Promise<void> | undefined

/** Load Ajv for every `fastAccept` check from now on (once; later calls share the first). */
export function loadFastAccept(): Promise<void> {
  loading ??= import('ajv').then(({ Ajv }) => {
    // Formats are already spelled out as patterns by the conversion. `unicode: false` counts string
    // lengths in UTF-16 units, as zod does (Ajv calls the option deprecated and would say so on the
    // console on every start: hence no logger; with strict off it has nothing else to say). The
    // schemas come from zod's own conversion, so checking them against the meta-schema (half of
    // Ajv's start-up) could only pass.
    ajv = new Ajv({
      validateFormats: false,
      unicode: false,
      strict: false,
      logger: false,
      validateSchema: false,
    })
  })
  return loading
}

function compile(ajv: Ajv, schema: z.ZodType): ValidateFunction {
  const json = z.toJSONSchema(schema, {
    target: 'draft-7',
    io: 'input',
    unrepresentable: 'any',
    override: ({ zodSchema, jsonSchema }) => {
      const def = zodSchema._zod.def
      // GoNoGo's only custom checks are "a plain object"; JSON Schema's object excludes arrays and null.
      if (def.type === 'custom') jsonSchema.type = 'object'
      if ((def.checks ?? []).some((c) => c._zod.def.check === 'custom'))
        throw new Error('fastAccept: a schema with a refinement cannot be checked by JSON Schema')
      if (def.type === 'pipe' || def.type === 'transform' || def.type === 'default')
        throw new Error('fastAccept: a schema whose output differs from its input')
    },
  })
  return ajv.compile(json)
}
