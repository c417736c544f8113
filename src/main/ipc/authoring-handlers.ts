import type { Handlers } from '../../shared/ipc'
import type { AppServices } from './handlers'

type AuthoringChannel =
  | 'authoring:state'
  | 'authoring:decide'
  | 'authoring:set-check'
  | 'authoring:set-var'
  | 'authoring:set-environment'
  | 'authoring:declare-credential'
  | 'authoring:presets'
  | 'authoring:try'
  | 'authoring:save'
  | 'authoring:update-preview'
  | 'authoring:update-apply'
  | 'authoring:open-edited'

// CONTRACT PLACEHOLDER (issue 22): the authoring helper replaces every handler below.
const notYet = { ok: false as const, message: 'authoring is being built', errors: [] }

export function authoringHandlers(services: AppServices): Pick<Handlers, AuthoringChannel> {
  void services
  return {
    'authoring:state': async () => notYet,
    'authoring:decide': async () => notYet,
    'authoring:set-check': async () => notYet,
    'authoring:set-var': async () => notYet,
    'authoring:set-environment': async () => notYet,
    'authoring:declare-credential': async () => notYet,
    'authoring:presets': async () => ({ presets: [] }),
    'authoring:try': async () => notYet,
    'authoring:save': async () => ({ ok: false, cancelled: false, message: notYet.message }),
    'authoring:update-preview': async () => ({ ...notYet, cancelled: false }),
    'authoring:update-apply': async () => notYet,
    'authoring:open-edited': async () => ({ ok: false, errors: [] }),
  }
}
