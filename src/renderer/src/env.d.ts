import type { GoNoGoApi } from '../../shared/ipc'

declare global {
  interface Window {
    gonogo: GoNoGoApi
  }
}
