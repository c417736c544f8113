/**
 * Sub-items (a plan item's `parent`, from nested task boxes): how deep each one sits and under
 * which item, so the record and the window can indent them. The loader guarantees a parent is an
 * earlier item of the same phase, so one pass in order is enough.
 */
export function itemNesting(
  items: ReadonlyArray<{ id: string; parent?: string }>,
): Map<string, { depth: number; parent: string }> {
  const out = new Map<string, { depth: number; parent: string }>()
  for (const item of items)
    if (item.parent)
      out.set(item.id, { depth: (out.get(item.parent)?.depth ?? 0) + 1, parent: item.parent })
  return out
}
