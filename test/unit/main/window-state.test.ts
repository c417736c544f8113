import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { fitToDisplays, loadWindowState, saveWindowState } from '../../../src/main/window-state'

const laptop = { x: 0, y: 0, width: 1440, height: 900 }
const monitor = { x: 1440, y: 0, width: 2560, height: 1440 }

describe('window state', () => {
  it('keeps a position that is on a display', () => {
    const saved = { x: 1600, y: 100, width: 1280, height: 820, maximized: false }
    expect(fitToDisplays(saved, [laptop, monitor])).toEqual(saved)
  })

  it('forgets a position on a monitor that is gone', () => {
    expect(
      fitToDisplays({ x: 1600, y: 100, width: 1280, height: 820, maximized: true }, [laptop]),
    ).toBe(undefined)
  })

  it('pulls a window that hangs off the edge back inside, shrinking it to fit', () => {
    expect(
      fitToDisplays({ x: 300, y: 100, width: 1600, height: 1000, maximized: false }, [laptop]),
    ).toEqual({
      x: 0,
      y: 0,
      width: 1440,
      height: 900,
      maximized: false,
    })
  })

  it('round-trips through its file and ignores a broken one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gonogo-window-'))
    const file = join(dir, 'window.json')
    await saveWindowState(file, { x: 10, y: 20, width: 1000, height: 700, maximized: false })
    expect(await loadWindowState(file, [laptop])).toEqual({
      x: 10,
      y: 20,
      width: 1000,
      height: 700,
      maximized: false,
    })
    writeFileSync(file, '{"x": "left"')
    expect(await loadWindowState(file, [laptop])).toBe(undefined)
    expect(await loadWindowState(join(dir, 'missing.json'), [laptop])).toBe(undefined)
  })
})
