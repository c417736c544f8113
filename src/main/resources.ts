import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * The app's `resources` directory (fonts, plan templates) from any module: the source tree, the
 * bundled CLI (out/cli) and the app build (out/main) sit at different depths below it.
 */
export function findResourcesDir(from: string = import.meta.url): string {
  let dir = dirname(fileURLToPath(from))
  for (let i = 0; i < 8; i++) {
    const candidate = join(dir, 'resources')
    if (existsSync(join(candidate, 'fonts'))) return candidate
    const parent = dirname(dir)
    if (parent === dir) break
    dir = parent
  }
  throw new Error(`cannot find the resources directory above ${fileURLToPath(from)}`)
}
