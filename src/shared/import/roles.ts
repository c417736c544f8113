import { splitRole } from './blocks'

/** A role, or a role with the person the checklist names for it (`notes`). */
export type RoleDraft = string | { name: string; notes: string }

/** A blank to fill in ("____", "<name>", "TBD") names nobody. */
const PLACEHOLDER = /^[\s_.\-–—/]*$|^[[<{(].*[\]>})]$|^(name|tbd|n\/a|date|datum|signature)$/i

/** The roles a checklist names, each once, with the people named for them. */
export class RoleList {
  readonly entries: RoleDraft[] = []
  private readonly seen = new Set<string>()

  /** `sourceLine` is the checklist's own line the role stands on, quoted with the person. */
  add(text: string, person: string | undefined, sourceLine: number | undefined): void {
    const role = splitRole(text).role
    if (!role || /^[-—–_.\s]*$/.test(role)) return
    const who = (person ?? '').replace(/\s+/g, ' ').trim()
    // The person named for the role goes in the role's notes, with the line it came from.
    const named =
      who && !PLACEHOLDER.test(who) && /\p{L}/u.test(who)
        ? `${who}${sourceLine ? ` (line ${sourceLine})` : ''}`
        : undefined
    if (!this.seen.has(role)) {
      this.seen.add(role)
      this.entries.push(named ? { name: role, notes: named } : role)
      return
    }
    if (!named) return
    // The same role named again (a second signer): its person joins the notes.
    const at = this.entries.findIndex((r) => (typeof r === 'string' ? r : r.name) === role)
    const known = this.entries[at]
    this.entries[at] =
      typeof known === 'object'
        ? { name: role, notes: `${known.notes}; ${named}` }
        : { name: role, notes: named }
  }
}
