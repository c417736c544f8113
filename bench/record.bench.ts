// The launch record at the size DESIGN budgets for: a 500-item session (probe results with stored
// evidence, manual marks, a waiver, two SSH sign-offs, a decision) exported to record.json and a
// signed PDF, and verified by `gonogo verify`'s checks. References, interleaved round by round:
// pdf-lib saving a document with the same number of pages and lines (export), and the canonical
// JSON of the record (verify). DESIGN's absolute targets (export < 2 s, verify < 500 ms) are the
// value column, as information.
import { generateKeyPairSync } from 'node:crypto'
import { mkdirSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { PDFDocument, StandardFonts } from 'pdf-lib'
import { canonicalJson } from '../src/shared/canonical'
import { planHash } from '../src/shared/plan/load'
import { PlanSchema } from '../src/shared/plan/schema'
import { readiness } from '../src/shared/session/readiness'
import { exportRecord } from '../src/main/record/export'
import { captainIdentity } from '../src/main/record/identity'
import { renderRecordPdf } from '../src/main/record/record-pdf'
import {
  digestMessage,
  openSshPublicKey,
  SIGNOFF_NAMESPACE,
  signSshsig,
  verifySshsig,
} from '../src/main/record/sshsig'
import { attachedFiles, verifyPdfSignature } from '../src/main/record/verify-pdf'
import { verifyRecordJson } from '../src/main/record/verify-record'
import { findResourcesDir } from '../src/main/resources'
import { MemorySecretStore } from '../src/main/secrets/secret-store'
import { Vault } from '../src/main/secrets/vault'
import { Session } from '../src/main/session/session'
import { describe, interleaved, report, round, spreadOf } from './measure'

const root = resolve('.tmp/bench-record')
rmSync(root, { recursive: true, force: true })
mkdirSync(root, { recursive: true })

const plan = PlanSchema.parse({
  name: 'Bench launch (500 items)',
  roles: ['CTO', 'SRE Lead'],
  phases: Array.from({ length: 10 }, (_, p) => ({
    id: `phase-${p}`,
    title: `Phase ${p}`,
    items: Array.from({ length: 50 }, (_, i) => ({
      id: `item-${p}-${i}`,
      title: `Check ${i} of phase ${p}: the service answers within budget`,
      owner: 'SRE Lead',
    })),
  })),
})
const session = await Session.create(
  join(root, 'session'),
  { file: 'bench.yaml', plan, hash: planHash(plan), vars: {} },
  { name: 'Bench captain', role: 'Release Captain' },
)
const actor = { name: 'gonogo check' }
const now = new Date().toISOString()
const events = []
for (const [p, phase] of plan.phases.entries())
  for (const [i, item] of phase.items.entries()) {
    if (i % 2 === 0)
      events.push(
        await session.probeResultEvent(
          {
            item: item.id,
            status: 'pass',
            observedAt: now,
            durationMs: 12.5,
            evidence: {
              engine: 'gonogo/bench',
              kind: 'http',
              startedAt: now,
              endedAt: now,
              durationMs: 12.5,
              conditions: [
                { expression: 'status == 200', pass: true, actual: '200 == 200' },
                { expression: 'body.ok == true', pass: true },
              ],
              http: {
                request: { method: 'GET', url: `https://api.example.com/${p}/${i}/health` },
                status: 200,
                bodyExcerpt: '{"ok":true,"checks":{"db":"ok","migrations":{"pending":0}}}',
                timing: { total: 12.5 },
              },
            },
          },
          actor,
        ),
      )
    else events.push({ actor, type: 'item.status', data: { item: item.id, status: 'pass' } })
  }
await session.record(events)
const digest = readiness(session.state, session.now()).digest
for (const role of ['CTO', 'SRE Lead']) {
  const { privateKey } = generateKeyPairSync('ed25519')
  const signature = signSshsig(digestMessage(digest), privateKey, SIGNOFF_NAMESPACE)
  const v = verifySshsig(signature, digestMessage(digest), SIGNOFF_NAMESPACE)
  await session.record([
    {
      actor,
      type: 'signoff.added',
      data: {
        role,
        signer: `${role.replace(' ', '-').toLowerCase()}@example.com`,
        digest,
        namespace: SIGNOFF_NAMESPACE,
        signature,
        publicKey: openSshPublicKey(privateKey),
        fingerprint: v.fingerprint,
      },
    },
  ])
}
await session.record([
  { actor, type: 'decision.made', data: { decision: 'GO', reason: 'all green', digest } },
])

const identity = await captainIdentity(new Vault(new MemorySecretStore(), {}), 'Bench captain', {
  GONOGO_PKI_DIR: join(root, 'pki'),
})
const resourcesDir = findResourcesDir()

const exportOnce = async () => {
  const e = await exportRecord(session)
  return { ...e, pdf: await renderRecordPdf({ ...e, resourcesDir, identity, baseName: 'bench' }) }
}
const exported = await exportOnce()
const pdf = exported.pdf
const verifyOnce = async () => {
  const checks = await verifyPdfSignature(pdf)
  const json = (await attachedFiles(pdf)).get('record.json')!.toString('utf8')
  checks.push(...verifyRecordJson(json).checks)
  if (!checks.every((c) => c.ok))
    throw new Error(
      checks
        .filter((c) => !c.ok)
        .map((c) => c.text)
        .join('; '),
    )
  return checks.filter((c) => c.text.startsWith('sign-off')).length
}
const signoffs = await verifyOnce()
// Reference: pdf-lib alone writing as many pages of plain text lines, saved once.
const pageCount = (await PDFDocument.load(pdf, { updateMetadata: false })).getPageCount()
const plainPdf = async () => {
  const doc = await PDFDocument.create()
  const font = await doc.embedFont(StandardFonts.Helvetica)
  for (let p = 0; p < pageCount; p++) {
    const page = doc.addPage()
    for (let l = 0; l < 60; l++)
      page.drawText(`line ${l} of page ${p}: the service answers within budget`, {
        x: 50,
        y: 800 - l * 12,
        size: 8,
        font,
      })
  }
  return doc.save({ useObjectStreams: false })
}
const times = await interleaved(
  {
    export: exportOnce,
    plainPdf,
    verify: verifyOnce,
    canonical: () => canonicalJson(exported.record),
  },
  7,
  1,
)
await session.close()
const EXPORT_BUDGET = 20
const VERIFY_BUDGET = 12
const exportRatio = times.export.median / times.plainPdf.median
const verifyRatio = times.verify.median / times.canonical.median

report([
  {
    figure: `record export, 500 items (record.json + ${pageCount}-page PDF, fonts, attachments, PAdES signature)`,
    value: round(times.export.median),
    unit: 'ms',
    spread: spreadOf(times.export),
    reference: `pdf-lib writing ${pageCount} pages of plain text ${describe(times.plainPdf)}`,
    ratio: round(exportRatio),
    budget: `≤ ${EXPORT_BUDGET}× the plain PDF (DESIGN: < 2,000 ms as information)`,
    pass: exportRatio <= EXPORT_BUDGET,
  },
  {
    figure: `record verify, 500 items (PDF signature, attachments, canonical JSON, digest, ${signoffs} sign-offs)`,
    value: round(times.verify.median),
    unit: 'ms',
    spread: spreadOf(times.verify),
    reference: `canonical JSON of the record ${describe(times.canonical)}`,
    ratio: round(verifyRatio),
    budget: `≤ ${VERIFY_BUDGET}× its canonical JSON (DESIGN: < 500 ms as information)`,
    pass: verifyRatio <= VERIFY_BUDGET,
  },
])
