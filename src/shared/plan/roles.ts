import { SIGNOFF_NAMESPACE } from '../record/signoff-namespace'
import { lineAdmits, parseSignerLine, type SignerLine } from './allowed-signers'
import type { Plan } from './schema'

/**
 * The one reading of a plan's `roles`: a plain name (anyone may sign for it: "unpinned"), or a
 * role that pins who may sign (`signers`, public keys in allowed_signers form; a `signersFile`'s
 * lines are merged into `signers` by the plan loader, so the plan hash covers them) and how many
 * distinct pinned keys must sign (`quorum`). Everything that reads roles goes through here.
 */
export interface PlanRole {
  name: string
  /** The keys that may sign for the role; empty when the role is unpinned. */
  pins: SignerLine[]
  /** Distinct pinned keys that must sign the current digest (1 when unpinned). */
  quorum: number
  pinned: boolean
  notes?: string
}

export const UNPINNED_NOTE = 'signer not pinned by the plan'

export function planRoles(plan: Pick<Plan, 'roles'>): PlanRole[] {
  return plan.roles.map((role) => {
    if (typeof role === 'string') return { name: role, pins: [], quorum: 1, pinned: false }
    const pins: SignerLine[] = []
    for (const line of role.signers ?? []) {
      try {
        const pin = parseSignerLine(line)
        if (pin) pins.push(pin)
      } catch {
        // The loader refuses a plan with a malformed pin; a record's plan is checked by verify.
      }
    }
    return {
      name: role.name,
      pins,
      quorum: role.quorum ?? 1,
      pinned: pins.length > 0,
      ...(role.notes !== undefined && { notes: role.notes }),
    }
  })
}

export function roleNames(plan: Pick<Plan, 'roles'>): string[] {
  return plan.roles.map((role) => (typeof role === 'string' ? role : role.name))
}

/** The role named `name`, or undefined. */
export function planRole(plan: Pick<Plan, 'roles'>, name: string): PlanRole | undefined {
  return planRoles(plan).find((role) => role.name === name)
}

/**
 * The pin of `role` that admits a sign-off by `publicKey` as `principal` at `time`, if any: the
 * same rule as `ssh-keygen -Y verify` with the pins as its allowed_signers file.
 */
export function pinFor(
  role: PlanRole,
  request: { publicKey: string; principal: string; time: number },
): SignerLine | undefined {
  return role.pins.find((pin) => lineAdmits(pin, { ...request, namespace: SIGNOFF_NAMESPACE }))
}
