import { z } from 'zod'
import { PlanSchema } from '../src/shared/plan/schema'

/** JSON Schema of the plan format, for editor autocompletion (resources/plan.schema.json). */
export function planJsonSchema(): string {
  const schema = z.toJSONSchema(PlanSchema, { io: 'input', unrepresentable: 'any' })
  return (
    JSON.stringify(
      { ...schema, $id: 'https://gonogo.dev/plan.schema.json', title: 'GoNoGo launch plan' },
      null,
      2,
    ) + '\n'
  )
}
