import { open } from 'node:fs/promises'

/**
 * Runs an operation for callers that each need one run started after they asked (an fsync that
 * covers what they did before asking). Callers who ask while a run is in flight share the next
 * run: a window run storing 100 pieces of evidence at once fsyncs their directory a few times,
 * not 100 times.
 */
export function coalesced(run: () => Promise<void>): () => Promise<void> {
  let inFlight: Promise<void> | undefined
  let next: Promise<void> | undefined
  const start = (): Promise<void> => {
    const current = run().finally(() => {
      if (inFlight === current) inFlight = undefined
    })
    inFlight = current
    return current
  }
  return () => {
    if (!inFlight) return start()
    // The run in flight may have begun before this caller's work: it waits for the next one.
    next ??= inFlight
      .catch(() => undefined)
      .then(() => {
        next = undefined
        return start()
      })
    return next
  }
}

const directorySyncs = new Map<string, () => Promise<void>>()

/**
 * fsync a directory, so a file created or renamed in it survives a crash. Calls for the same
 * directory while one is in flight share the next fsync (see {@link coalesced}).
 */
export function fsyncDirectory(dir: string): Promise<void> {
  let sync = directorySyncs.get(dir)
  if (!sync) {
    sync = coalesced(() => syncOnce(dir))
    directorySyncs.set(dir, sync)
  }
  return sync()
}

async function syncOnce(dir: string): Promise<void> {
  const handle = await open(dir, 'r')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}
