import { z } from 'zod'
import { PlanSchema } from '../src/shared/plan/schema'

/** JSON Schema of the plan format, for editor autocompletion (resources/plan.schema.json). */
export function planJsonSchema(): string {
  // `userPresets` is GoNoGo's to fill in when it loads a plan (a file that has it is refused).
  const authored = PlanSchema.omit({ userPresets: true })
  const schema = z.toJSONSchema(authored, { io: 'input', unrepresentable: 'any' })
  return (
    JSON.stringify(
      { ...schema, $id: 'https://gonogo.dev/plan.schema.json', title: 'GoNoGo launch plan' },
      null,
      2,
    ) + '\n'
  )
}
