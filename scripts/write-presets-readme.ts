// npm run presets:readme: regenerate the README's preset table from resources/presets/*.yaml, so
// the table never drifts from the files.
import { readFileSync, writeFileSync } from 'node:fs'
import { builtinCatalog } from '../src/main/presets/preset-files'
import { presetTable } from '../src/shared/presets/describe'
import { readmeWithPresetTable } from './presets-readme'

const readme = readFileSync('README.md', 'utf8')
writeFileSync('README.md', readmeWithPresetTable(readme, presetTable(builtinCatalog().presets)))
console.log('README.md: preset table regenerated')
