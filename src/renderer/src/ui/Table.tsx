import type { ReactNode, TableHTMLAttributes } from 'react'

/** The one table style: dense rows, quiet rules, headers that stay readable in both themes. */
export function Table({
  children,
  className,
  ...rest
}: TableHTMLAttributes<HTMLTableElement> & { children: ReactNode }) {
  return (
    <table className={`table${className ? ` ${className}` : ''}`} {...rest}>
      {children}
    </table>
  )
}
