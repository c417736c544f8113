import { forwardRef, type ButtonHTMLAttributes } from 'react'

export type ButtonVariant = 'default' | 'primary' | 'go' | 'nogo' | 'ghost' | 'danger'

/** The one button: variants for weight and meaning, two sizes; always type="button" unless said. */
export const Button = forwardRef<
  HTMLButtonElement,
  ButtonHTMLAttributes<HTMLButtonElement> & { variant?: ButtonVariant; size?: 'sm' | 'md' | 'lg' }
>(function Button({ variant = 'default', size = 'md', className, type, ...rest }, ref) {
  return (
    <button
      ref={ref}
      type={type === 'submit' ? 'submit' : 'button'}
      className={`btn btn-${variant} btn-${size}${className ? ` ${className}` : ''}`}
      {...rest}
    />
  )
})
