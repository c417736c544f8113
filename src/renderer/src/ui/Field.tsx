import {
  forwardRef,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react'

/** A label around its control: the control is named by the label text, no ids to keep in sync. */
export function Field({
  label,
  children,
  inline = false,
  className,
}: {
  label: ReactNode
  children: ReactNode
  inline?: boolean
  className?: string
}) {
  return (
    <label className={`field${inline ? ' field-inline' : ''}${className ? ` ${className}` : ''}`}>
      <span className="field-label">{label}</span>
      {children}
    </label>
  )
}

export const Input = forwardRef<HTMLInputElement, InputHTMLAttributes<HTMLInputElement>>(
  function Input({ className, ...rest }, ref) {
    return <input ref={ref} className={`input${className ? ` ${className}` : ''}`} {...rest} />
  },
)

export const TextArea = forwardRef<
  HTMLTextAreaElement,
  TextareaHTMLAttributes<HTMLTextAreaElement>
>(function TextArea({ className, ...rest }, ref) {
  return <textarea ref={ref} className={`input${className ? ` ${className}` : ''}`} {...rest} />
})

export const Select = forwardRef<HTMLSelectElement, SelectHTMLAttributes<HTMLSelectElement>>(
  function Select({ className, ...rest }, ref) {
    return <select ref={ref} className={`select${className ? ` ${className}` : ''}`} {...rest} />
  },
)
