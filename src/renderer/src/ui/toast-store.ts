import { create } from 'zustand'

export interface Toast {
  id: number
  tone: 'info' | 'ok' | 'bad'
  text: string
  /** The toast's accessible name (tests and screen readers find "Export" by it). */
  label?: string
}

interface ToastState {
  toasts: Toast[]
  show: (toast: Omit<Toast, 'id'>) => void
  dismiss: (id: number) => void
}

let next = 1

/** Short messages at the corner of the window; errors stay until dismissed, the others time out. */
export const useToasts = create<ToastState>((set, get) => ({
  toasts: [],
  show: (toast) => {
    const id = next++
    set({ toasts: [...get().toasts.slice(-3), { ...toast, id }] })
    if (toast.tone !== 'bad') setTimeout(() => get().dismiss(id), 8000)
  },
  dismiss: (id) => set({ toasts: get().toasts.filter((t) => t.id !== id) }),
}))
