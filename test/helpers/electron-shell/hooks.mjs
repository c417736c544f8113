// Resolve hook (registered by run-shell.mjs): `electron`, imported by the built main process, is
// the stand-in next to this file. Nothing else changes.
const FAKE = new URL('./fake-electron.mjs', import.meta.url).href

export async function resolve(specifier, context, next) {
  if (specifier === 'electron') return { url: FAKE, shortCircuit: true }
  return next(specifier, context)
}
