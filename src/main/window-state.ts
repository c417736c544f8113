import { readFile, writeFile } from 'node:fs/promises'
import { z } from 'zod'

/**
 * Where the window was, remembered across launches. Kept out of the Electron shell so the rules
 * (a saved position must still be on a screen; a broken file is ignored) are tested under Node.
 */

export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

export const DEFAULT_SIZE = { width: 1280, height: 820 }
const MIN = { width: 900, height: 600 }

const SavedSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(MIN.width).max(20_000),
  height: z.number().int().min(MIN.height).max(20_000),
  maximized: z.boolean().default(false),
})
export type WindowState = z.infer<typeof SavedSchema>

/** How much of `a` lies inside `b`, in square pixels. */
function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)
  return Math.max(0, w) * Math.max(0, h)
}

/**
 * The saved bounds when at least a quarter of the window lands on a display that exists now
 * (a monitor may have gone), shrunk to fit that display; otherwise undefined (centre, default size).
 */
export function fitToDisplays(
  saved: WindowState,
  workAreas: readonly Rect[],
): WindowState | undefined {
  const best = [...workAreas].sort((a, b) => overlap(saved, b) - overlap(saved, a))[0]
  if (!best || overlap(saved, best) < (saved.width * saved.height) / 4) return undefined
  const width = Math.min(saved.width, best.width)
  const height = Math.min(saved.height, best.height)
  return {
    x: Math.min(Math.max(saved.x, best.x), best.x + best.width - width),
    y: Math.min(Math.max(saved.y, best.y), best.y + best.height - height),
    width,
    height,
    maximized: saved.maximized,
  }
}

export async function loadWindowState(
  file: string,
  workAreas: readonly Rect[],
): Promise<WindowState | undefined> {
  try {
    const parsed = SavedSchema.safeParse(JSON.parse(await readFile(file, 'utf8')))
    return parsed.success ? fitToDisplays(parsed.data, workAreas) : undefined
  } catch {
    return undefined
  }
}

export async function saveWindowState(file: string, state: WindowState): Promise<void> {
  const parsed = SavedSchema.safeParse(state)
  if (parsed.success) await writeFile(file, JSON.stringify(parsed.data))
}
