import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import fontkit from '@pdf-lib/fontkit'
import { PDFDocument, rgb, type PDFFont, type PDFPage, type RGB } from 'pdf-lib'

/** A4 in points, with margins: the page the record is set on. */
export const PAGE = { width: 595.28, height: 841.89, margin: 50 }
export const COLOURS = {
  text: rgb(0.1, 0.1, 0.12),
  muted: rgb(0.4, 0.42, 0.45),
  pass: rgb(0.1, 0.5, 0.25),
  fail: rgb(0.75, 0.15, 0.15),
  warn: rgb(0.7, 0.45, 0.05),
  rule: rgb(0.8, 0.8, 0.82),
  canary: rgb(0.85, 0.35, 0.1),
  baseline: rgb(0.2, 0.4, 0.8),
}

export interface Fonts {
  regular: PDFFont
  bold: PDFFont
}

/** DejaVu Sans (Latin, Greek, Cyrillic, ≤ ✓ → €), embedded as subsets; its licence allows it. */
export async function embedFonts(doc: PDFDocument, resourcesDir: string): Promise<Fonts> {
  doc.registerFontkit(fontkit)
  const [regular, bold] = await Promise.all([
    readFile(join(resourcesDir, 'fonts', 'DejaVuSans.ttf')),
    readFile(join(resourcesDir, 'fonts', 'DejaVuSans-Bold.ttf')),
  ])
  return {
    regular: await doc.embedFont(regular, { subset: true }),
    bold: await doc.embedFont(bold, { subset: true }),
  }
}

/** Characters the font has no glyph for become "?" rather than breaking the export. */
const characterSets = new WeakMap<PDFFont, Set<number>>()

function printable(font: PDFFont, text: string): string {
  let supported = characterSets.get(font)
  if (!supported) {
    supported = new Set(font.getCharacterSet())
    characterSets.set(font, supported)
  }
  let out = ''
  for (const ch of text.replace(/\t/g, '  ').replace(/\r?\n/g, ' ')) {
    const cp = ch.codePointAt(0) ?? 63
    out += supported.has(cp) ? ch : '?'
  }
  return out
}

const advanceWidths = new WeakMap<PDFFont, Map<string, number>>()

/**
 * Text width from per-character advances, cached per font. pdf-lib's widthOfTextAtSize runs a
 * full fontkit layout per call, which made wrapping a 500-item record take seconds; kerning is
 * left out, so lines may end a hair early, never late.
 */
export function textWidth(font: PDFFont, text: string, size: number): number {
  let widths = advanceWidths.get(font)
  if (!widths) {
    widths = new Map()
    advanceWidths.set(font, widths)
  }
  let total = 0
  for (const ch of text) {
    let w = widths.get(ch)
    if (w === undefined) {
      w = font.widthOfTextAtSize(ch, 1000) / 1000
      widths.set(ch, w)
    }
    total += w
  }
  return total * size
}

/** Greedy word wrap to a width, breaking words longer than a line. */
export function wrap(font: PDFFont, size: number, text: string, width: number): string[] {
  const lines: string[] = []
  let line = ''
  const fits = (t: string) => textWidth(font, t, size) <= width * 0.98
  for (const word of printable(font, text).split(' ')) {
    const candidate = line ? `${line} ${word}` : word
    if (fits(candidate)) {
      line = candidate
      continue
    }
    if (line) lines.push(line)
    let rest = word
    while (!fits(rest) && rest.length > 1) {
      let cut = rest.length - 1
      while (cut > 1 && !fits(rest.slice(0, cut))) cut--
      lines.push(rest.slice(0, cut))
      rest = rest.slice(cut)
    }
    line = rest
  }
  if (line) lines.push(line)
  return lines.length ? lines : ['']
}

/** A cursor down the pages: text flows on, new pages come when the current one is full. */
export class Flow {
  page!: PDFPage
  y = 0
  private pageNumber = 0

  constructor(
    readonly doc: PDFDocument,
    readonly fonts: Fonts,
    private readonly footer: string,
  ) {
    this.newPage()
  }

  get width(): number {
    return PAGE.width - 2 * PAGE.margin
  }

  newPage(): void {
    this.page = this.doc.addPage([PAGE.width, PAGE.height])
    this.pageNumber++
    this.y = PAGE.height - PAGE.margin
    this.page.drawText(printable(this.fonts.regular, `${this.footer} · page ${this.pageNumber}`), {
      x: PAGE.margin,
      y: PAGE.margin / 2,
      size: 7,
      font: this.fonts.regular,
      color: COLOURS.muted,
    })
  }

  /** Make sure `height` points fit on this page, else start a new one. */
  need(height: number): void {
    if (this.y - height < PAGE.margin) this.newPage()
  }

  text(
    text: string,
    options: { size?: number; bold?: boolean; color?: RGB; indent?: number; gap?: number } = {},
  ): void {
    const size = options.size ?? 9
    const font = options.bold ? this.fonts.bold : this.fonts.regular
    const indent = options.indent ?? 0
    const leading = size * 1.3
    for (const line of wrap(font, size, text, this.width - indent)) {
      this.need(leading)
      this.y -= leading
      this.page.drawText(line, {
        x: PAGE.margin + indent,
        y: this.y,
        size,
        font,
        color: options.color ?? COLOURS.text,
      })
    }
    this.y -= options.gap ?? 0
  }

  heading(text: string, size = 14): void {
    this.need(size * 3)
    this.y -= size * 0.6
    this.text(text, { size, bold: true, gap: 4 })
  }

  rule(): void {
    this.need(8)
    this.y -= 4
    this.page.drawLine({
      start: { x: PAGE.margin, y: this.y },
      end: { x: PAGE.width - PAGE.margin, y: this.y },
      thickness: 0.5,
      color: COLOURS.rule,
    })
    this.y -= 4
  }

  /** A table with fixed column widths (fractions of the text width); rows wrap within cells. */
  table(columns: { title: string; width: number }[], rows: string[][], size = 8): void {
    const widths = columns.map((c) => c.width * this.width)
    const drawRow = (cells: string[], bold: boolean) => {
      const font = bold ? this.fonts.bold : this.fonts.regular
      const wrapped = cells.map((cell, i) => wrap(font, size, cell, (widths[i] ?? 50) - 4))
      const height = Math.max(...wrapped.map((w) => w.length)) * size * 1.3 + 3
      this.need(height)
      let x = PAGE.margin
      wrapped.forEach((lines, i) => {
        lines.forEach((line, l) =>
          this.page.drawText(line, {
            x,
            y: this.y - (l + 1) * size * 1.3,
            size,
            font,
            color: COLOURS.text,
          }),
        )
        x += widths[i] ?? 50
      })
      this.y -= height
    }
    drawRow(
      columns.map((c) => c.title),
      true,
    )
    for (const row of rows) drawRow(row, false)
    this.y -= 4
  }
}
