import type { ReactNode } from 'react'
import { useUi } from '../ui-store'

/** A link to an item: selects it, which scrolls it into view even when the list is virtualized. */
export function ItemLink({ item, children }: { item: string; children: ReactNode }) {
  const select = useUi((s) => s.select)
  return (
    <a
      href={`#item-${item}`}
      onClick={(e) => {
        e.preventDefault()
        select(item)
      }}
    >
      {children}
    </a>
  )
}
