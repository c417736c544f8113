import { planRoles, UNPINNED_NOTE } from '../../shared/plan/roles'
import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib'
import { SignPdf } from '@signpdf/signpdf'
import { SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils'
import { AFRelationship, PDFDocument } from 'pdf-lib'
import { itemNesting } from '../../shared/plan/nesting'
import type { LaunchRecord } from '../../shared/record/record'
import { PadesSigner } from './cms-signer'
import type { SigningIdentity } from './identity'
import { drawCanaryCharts } from './pdf-charts'
import { COLOURS, embedFonts, Flow } from './pdf-layout'
import { SIGNOFF_NAMESPACE } from './sshsig'

/** Room for the CMS signature (certificates included) in the signature dictionary. */
const SIGNATURE_BYTES = 16_384

const STATUS_MARK: Record<string, string> = {
  pass: '✓ pass',
  fail: '✗ fail',
  pending: '… pending',
  na: '– n/a',
  waived: '≈ waived',
}

export interface RecordPdfInput {
  record: LaunchRecord
  json: string
  allowedSigners: string
  resourcesDir: string
  identity: SigningIdentity
  /** An RFC 3161 time-stamping authority's URL: the signature is time-stamped (PAdES B-T). */
  tsa?: string
  /** Base name of the exported files, for the "how to verify" page. */
  baseName: string
}

function short(hash: string): string {
  return `${hash.slice(0, 16)}…`
}

function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'role'
  )
}

function evidenceLines(probe: Record<string, unknown> | undefined): string[] {
  if (!probe) return []
  const out: string[] = []
  const http = probe.http as
    | {
        request?: { method: string; url: string }
        status?: number
        bodyExcerpt?: string
        timing?: { total?: number }
      }
    | undefined
  if (http?.request)
    out.push(
      `${http.request.method} ${http.request.url}${http.status !== undefined ? ` → HTTP ${http.status}` : ''}${http.timing?.total !== undefined ? ` in ${Math.round(http.timing.total)} ms` : ''}`,
    )
  const conditions = (probe.conditions ?? []) as {
    expression: string
    pass: boolean
    actual?: string
  }[]
  for (const c of conditions)
    out.push(`${c.pass ? '✓' : '✗'} ${c.expression}${c.actual ? ` → ${c.actual}` : ''}`)
  const ids = probe.ids as Record<string, string> | undefined
  if (ids && Object.keys(ids).length)
    out.push(
      `ids: ${Object.entries(ids)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ')}`,
    )
  if (http?.bodyExcerpt) out.push(`body: ${http.bodyExcerpt.slice(0, 300)}`)
  return out
}

/** The human-readable record, with the machine-readable parts attached, then PAdES-signed. */
export async function renderRecordPdf(input: RecordPdfInput): Promise<Buffer> {
  const { record } = input
  const doc = await PDFDocument.create({ updateMetadata: false })
  const title = `Launch decision record — ${record.plan.content.name}`
  doc.setTitle(title)
  doc.setSubject(`digest ${record.digest}`)
  doc.setProducer(`${record.generator.name} ${record.generator.version}`)
  doc.setCreator(`${record.generator.name} ${record.generator.version}`)
  doc.setCreationDate(new Date(record.generatedAt))
  doc.setModificationDate(new Date(record.generatedAt))
  const fonts = await embedFonts(doc, input.resourcesDir)
  // Every page's header names the environment: a staging page can never pass for production.
  const inEnvironment = record.environment !== undefined ? ` · ${record.environment}` : ''
  const flow = new Flow(
    doc,
    fonts,
    `${record.plan.content.name}${inEnvironment} · digest ${short(record.digest)}`,
  )

  // Cover.
  flow.text('Launch decision record', { size: 22, bold: true, gap: 6 })
  flow.text(record.plan.content.name, { size: 14, gap: 10 })
  if (record.environment !== undefined)
    flow.text(`Environment: ${record.environment}`, { size: 16, bold: true, gap: 8 })
  const decision = record.decision
  flow.text(decision ? decision.decision : 'NO DECISION RECORDED', {
    size: 28,
    bold: true,
    color: decision?.decision === 'GO' ? COLOURS.pass : COLOURS.fail,
    gap: 4,
  })
  if (decision) {
    flow.text(`Reason: ${decision.reason}`, { size: 10 })
    flow.text(
      `Captain: ${decision.captain.name}${decision.captain.role ? ` (${decision.captain.role})` : ''} · decided ${decision.at}`,
      { size: 10 },
    )
  }
  flow.text(
    `Record generated ${record.generatedAt} by ${record.generator.name} ${record.generator.version}`,
    {
      size: 9,
      color: COLOURS.muted,
    },
  )
  flow.text(`Digest: ${record.digest}`, { size: 9 })
  flow.text(`Plan: ${record.plan.hash} (${record.session.source})`, { size: 9 })
  flow.text(
    `Session: ${record.session.id} · started ${record.session.startedAt} by ${record.session.startedBy.name} · ${record.session.eventCount} events, head ${record.session.head.hash}`,
    { size: 9, gap: 8 },
  )

  // Summary per phase.
  flow.heading('Summary')
  const phases = record.plan.content.phases.map((phase) => {
    const items = record.items.filter((i) => i.phase === phase.id)
    const count = (s: string) => items.filter((i) => i.status === s).length
    return [
      phase.title,
      String(items.length),
      String(count('pass')),
      String(count('fail')),
      String(count('pending')),
      String(count('waived')),
      String(count('na')),
    ]
  })
  flow.table(
    [
      { title: 'Phase', width: 0.4 },
      { title: 'Items', width: 0.1 },
      { title: 'Pass', width: 0.1 },
      { title: 'Fail', width: 0.1 },
      { title: 'Pending', width: 0.1 },
      { title: 'Waived', width: 0.1 },
      { title: 'N/A', width: 0.1 },
    ],
    phases,
  )

  // Every item.
  flow.heading('Items')
  for (const phase of record.plan.content.phases) {
    flow.text(phase.title, { size: 11, bold: true, gap: 2 })
    const nesting = itemNesting(phase.items)
    for (const item of record.items.filter((i) => i.phase === phase.id)) {
      flow.need(40)
      const sub = nesting.get(item.id)
      flow.text(`${STATUS_MARK[item.status] ?? item.status}   ${item.title}`, {
        ...(sub ? { indent: 12 * sub.depth } : {}),
        bold: true,
        color:
          item.status === 'fail'
            ? COLOURS.fail
            : item.status === 'pass'
              ? COLOURS.pass
              : COLOURS.text,
      })
      flow.text(
        `${item.id}${sub ? ` · under ${sub.parent}` : ''}${item.owner ? ` · owner ${item.owner}` : ''} · ${item.blocking ? 'blocking' : 'non-blocking'} · by ${item.source}${item.at ? ` at ${item.at}` : ''}${item.stale ? ' · evidence stale' : ''}`,
        { size: 8, color: COLOURS.muted, indent: 12 },
      )
      if (item.reason) flow.text(item.reason, { size: 8, indent: 12 })
      if (item.waiver)
        flow.text(
          `Waived by ${item.waiver.role}: ${item.waiver.reason}${item.waiver.expiresAt ? ` (until ${item.waiver.expiresAt})` : ''}`,
          { size: 8, indent: 12 },
        )
      for (const line of evidenceLines(item.probe)) flow.text(line, { size: 7.5, indent: 12 })
      for (const note of item.notes)
        flow.text(`Note by ${note.by} at ${note.at}: ${note.text}`, { size: 7.5, indent: 12 })
      if (item.evidence.length)
        flow.text(`evidence: ${item.evidence.map(short).join(', ')}`, {
          size: 7,
          color: COLOURS.muted,
          indent: 12,
        })
      flow.y -= 3
    }
  }

  // Canary.
  if (record.canaries.length) {
    flow.heading('Canary analysis')
    for (const canary of record.canaries) drawCanaryCharts(flow, record, canary)
  }

  // Waivers.
  const waived = record.items.filter((i) => i.waiver)
  flow.heading('Waivers')
  if (!waived.length) flow.text('No active waivers.', { gap: 4 })
  else
    flow.table(
      [
        { title: 'Item', width: 0.25 },
        { title: 'Approved by', width: 0.2 },
        { title: 'Reason', width: 0.35 },
        { title: 'Expires', width: 0.2 },
      ],
      waived.map((i) => [
        i.id,
        i.waiver!.role,
        i.waiver!.reason,
        i.waiver!.expiresAt ?? 'no expiry',
      ]),
    )

  // Sign-offs.
  flow.heading('Sign-offs')
  const roles = planRoles(record.plan.content)
  const unpinned = new Set(roles.filter((r) => !r.pinned).map((r) => r.name))
  if (!roles.length && !record.signoffs.length) flow.text('The plan asks for no sign-offs.')
  else
    flow.table(
      [
        { title: 'Role', width: 0.16 },
        { title: 'Name', width: 0.2 },
        { title: 'Key fingerprint', width: 0.3 },
        { title: 'Signed digest', width: 0.2 },
        { title: 'Status', width: 0.14 },
      ],
      [
        ...record.signoffs.map((s) => [
          s.role,
          s.signer,
          s.fingerprint ?? '—',
          short(s.digest),
          `${s.status === 'current' ? '✓ valid' : '⚠ outdated'}${unpinned.has(s.role) ? ` · ${UNPINNED_NOTE}` : ''}`,
        ]),
        ...roles
          .filter((r) => !record.signoffs.some((s) => s.role === r.name))
          .map((r) => [r.name, '—', '—', '—', `missing${r.pinned ? '' : ` · ${UNPINNED_NOTE}`}`]),
      ],
    )

  for (const role of roles.filter((r) => !r.pinned))
    flow.text(`${role.name}: ${UNPINNED_NOTE} — any key's signature counts for this role.`, {
      size: 8,
      gap: 2,
    })
  for (const role of roles.filter((r) => r.pinned))
    flow.text(
      `${role.name}: pinned to ${role.pins.length} key(s) by the plan${role.quorum > 1 ? `, ${role.quorum} must sign` : ''}.`,
      { size: 8, gap: 2 },
    )

  // How to verify.
  flow.heading('How to verify this record')
  const base = input.baseName
  for (const line of [
    `gonogo verify ${base}.pdf   (checks everything below at once)`,
    `pdfsig ${base}.pdf   → "Signature is Valid."; trust the GoNoGo root first for "Certificate is Trusted.": certutil -A -d sql:DIR -n gonogo-root -t "CT,C,C" -i gonogo-root-ca.pem, then pdfsig -nssdir sql:DIR`,
    `pdfdetach -saveall ${base}.pdf   → record.json (canonical RFC 8785 JSON), allowed_signers and one .sig per sign-off`,
    `Each sign-off is an SSH signature over the digest line: printf '%s\\n' ${record.digest} | ssh-keygen -Y verify -f allowed_signers -I NAME -n ${SIGNOFF_NAMESPACE} -s signoff-ROLE.sig`,
    `Digest: ${record.digest}`,
  ])
    flow.text(line, { size: 8, gap: 2 })

  // Attachments, PDF/A-3 style: the data this document shows.
  const when = new Date(record.generatedAt)
  const attach = async (bytes: string, name: string, mimeType: string, description: string) =>
    doc.attach(Buffer.from(bytes, 'utf8'), name, {
      mimeType,
      description,
      creationDate: when,
      modificationDate: when,
      afRelationship: AFRelationship.Data,
    })
  await attach(
    input.json,
    'record.json',
    'application/json',
    'The launch record, canonical JSON (RFC 8785)',
  )
  await attach(
    input.allowedSigners,
    'allowed_signers',
    'text/plain',
    'ssh-keygen -Y verify -f allowed_signers',
  )
  for (const s of record.signoffs)
    if (s.signature)
      await attach(
        s.signature,
        `signoff-${slug(s.role)}.sig`,
        'text/plain',
        `SSH signature: ${s.role} by ${s.signer}`,
      )

  pdflibAddPlaceholder({
    pdfDoc: doc,
    reason: `Launch decision ${decision?.decision ?? 'record'} — digest ${record.digest}`,
    contactInfo: '',
    name: input.identity.subject,
    location: 'GoNoGo',
    signingTime: when,
    signatureLength: SIGNATURE_BYTES,
    subFilter: SUBFILTER_ETSI_CADES_DETACHED,
    appName: `${record.generator.name} ${record.generator.version}`,
  })
  const unsigned = Buffer.from(await doc.save({ useObjectStreams: false }))
  return new SignPdf().sign(unsigned, new PadesSigner(input.identity, input.tsa))
}
