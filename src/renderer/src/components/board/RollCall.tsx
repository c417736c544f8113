import { Panel } from '../../ui/Panel'
import { rolePinning, roleName } from '../../../../shared/board/pinning'
import { signoffWord } from '../../../../shared/board/summary'
import type { Plan } from '../../../../shared/plan/schema'
import { useSession, type SessionView } from '../../session-store'
import { useUi } from '../../ui-store'
import { Badge } from '../../ui/Badge'
import { Button } from '../../ui/Button'
import { StatusPill } from '../../ui/StatusPill'

/**
 * The go/no-go poll: each role in turn, whether it signed the current digest (or an older one, or
 * not at all), who signed, and whether the role pins its signers.
 */
export function RollCall({ plan, view }: { plan: Plan; view: SessionView | null }) {
  const setSigning = useUi((s) => s.setSigning)
  const exported = useSession((s) => s.exported)
  const byRole = new Map(view?.signoffs.map((s) => [s.role, s]))
  const signed = view?.signoffs.filter((s) => s.status === 'current').length ?? 0
  return (
    <Panel
      className="card roll-call"
      label="Roll call"
      title={
        <>
          Roll call{' '}
          <span className="muted">
            {signed} of {plan.roles.length} signed
          </span>
        </>
      }
    >
      {plan.roles.length === 0 ? (
        <p className="muted">This plan names no sign-off roles.</p>
      ) : (
        <ol className="roles">
          {plan.roles.map((role) => {
            const name = roleName(role)
            const s = byRole.get(name)
            const word = signoffWord(s?.status ?? 'missing')
            const pin = rolePinning(role)
            return (
              <li key={name} className="role" data-role={name}>
                <span className="role-name" title={name}>
                  {name}
                </span>
                <StatusPill status={word} size="sm" />
                <span className="role-meta">
                  <Badge
                    tone={pin.pinned ? 'accent' : 'warn'}
                    title="Whether the plan pins who may sign for this role"
                  >
                    {pin.label}
                  </Badge>
                  <span className="role-signer" title={s?.signer}>
                    {s?.signer ?? 'no signer yet'}
                  </span>
                </span>
                <Button
                  size="sm"
                  variant="ghost"
                  disabled={!view}
                  aria-label={`Sign as ${name}`}
                  onClick={() => setSigning(name)}
                >
                  Sign
                </Button>
              </li>
            )
          })}
        </ol>
      )}
      <p className="footnote muted">
        Each role signs the current digest; any later change makes its sign-off outdated.
      </p>
      {exported && (
        <p className="exported muted" title={exported.pdf}>
          Exported <code>{exported.pdf.split(/[\\/]/).pop()}</code>
        </p>
      )}
    </Panel>
  )
}
