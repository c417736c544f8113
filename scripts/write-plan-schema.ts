import { writeFileSync } from 'node:fs'
import { planJsonSchema } from './plan-schema'

writeFileSync('resources/plan.schema.json', planJsonSchema())
console.log('wrote resources/plan.schema.json')
