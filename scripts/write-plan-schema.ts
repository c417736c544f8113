import { writeFileSync } from 'node:fs'
import { planJsonSchema } from './plan-schema'
import { presetJsonSchema } from './preset-schema'

writeFileSync('resources/plan.schema.json', planJsonSchema())
console.log('wrote resources/plan.schema.json')
writeFileSync('resources/preset.schema.json', presetJsonSchema())
console.log('wrote resources/preset.schema.json')
