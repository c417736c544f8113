// Resolve hook for module-trace.mjs (runs on Node's loader thread): one line per import, the bare
// specifier of a package, or the file URL a relative import resolved to.
import { appendFileSync } from 'node:fs'

let file = ''

export function initialize(data) {
  file = data.file
}

export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context)
  const bare = !/^(\.|\/|node:|file:|data:)/.test(specifier)
  if (bare || resolved.url.startsWith('file:'))
    appendFileSync(file, `${bare ? specifier : resolved.url}\n`)
  return resolved
}
