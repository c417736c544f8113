import type { BoardState } from '../../../shared/board/summary'

/**
 * Every status the window shows, as an icon and a word (colour comes from the class, never alone):
 * the shapes differ, so the states read the same without colour and for red–green colour blindness.
 */
export const STATUS_LOOK = {
  pass: { icon: '✓', word: 'pass' },
  fail: { icon: '✕', word: 'fail' },
  pending: { icon: '○', word: 'pending' },
  stale: { icon: '◷', word: 'stale' },
  waived: { icon: '≈', word: 'waived' },
  na: { icon: '–', word: 'n/a' },
  checking: { icon: '◌', word: 'checking' },
  signed: { icon: '✓', word: 'signed' },
  outdated: { icon: '↻', word: 'outdated' },
  missing: { icon: '○', word: 'missing' },
  running: { icon: '◌', word: 'running' },
  marginal: { icon: '?', word: 'marginal' },
  inconclusive: { icon: '?', word: 'inconclusive' },
  blocked: { icon: '⊘', word: 'blocked' },
  ready: { icon: '✓', word: 'READY' },
  notready: { icon: '✕', word: 'NOT READY' },
} as const

export type StatusName = keyof typeof STATUS_LOOK

/** The colour family a status belongs to (the CSS tone classes). */
export function toneOf(status: StatusName | BoardState): string {
  switch (status) {
    case 'pass':
    case 'signed':
    case 'ready':
      return 'ok'
    case 'fail':
    case 'notready':
    case 'blocked':
      return 'bad'
    case 'stale':
    case 'outdated':
    case 'marginal':
    case 'inconclusive':
      return 'warn'
    case 'waived':
      return 'waived'
    default:
      return 'neutral'
  }
}
