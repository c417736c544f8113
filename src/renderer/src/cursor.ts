/**
 * Runs and analyses land as an ordered list main also keeps. Pushes and reads of that list may
 * overlap or arrive out of order; this keeps exactly the part not applied yet, never a duplicate.
 * `landed` is how many the window has applied; `after` is where `items` start in main's list.
 * Returns null when there is a gap (`after` beyond `landed`): read it from main first.
 */
export function unseen<T>(landed: number, after: number, items: readonly T[]): T[] | null {
  if (after > landed) return null
  return items.slice(landed - after)
}
