// The launch record at the size DESIGN budgets for: a 500-item session (probe results with stored
// evidence, manual marks, a waiver, two SSH sign-offs, a decision) exported to record.json and a
// signed PDF (< 2 s), and verified by `gonogo verify`'s checks (< 500 ms). The reference, measured
// in the same run, is pdf-lib saving a document with the same number of pages and lines.
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
import { report, round } from './measure'

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

async function timed<T>(fn: () => Promise<T>, runs = 5): Promise<{ ms: number; value: T }> {
  let value = await fn()
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    value = await fn()
    times.push(performance.now() - t0)
  }
  times.sort((a, b) => a - b)
  return { ms: times[Math.floor(times.length / 2)]!, value }
}

const exported = await timed(async () => {
  const e = await exportRecord(session)
  return { ...e, pdf: await renderRecordPdf({ ...e, resourcesDir, identity, baseName: 'bench' }) }
})
const pdf = exported.value.pdf
const verified = await timed(async () => {
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
})
// Reference: pdf-lib alone writing as many pages of plain text lines, saved once.
const pageCount = (await PDFDocument.load(pdf, { updateMetadata: false })).getPageCount()
const reference = await timed(async () => {
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
})
await session.close()

report([
  {
    figure: `record export, 500 items (record.json + ${pageCount}-page PDF, fonts, attachments, PAdES signature)`,
    value: round(exported.ms),
    unit: 'ms',
    reference: `pdf-lib writing ${pageCount} pages of plain text ${round(reference.ms)} ms`,
    ratio: round(exported.ms / reference.ms),
    budget: '< 2,000 ms',
    pass: exported.ms < 2000,
  },
  {
    figure: `record verify, 500 items (PDF signature, attachments, canonical JSON, digest, ${verified.value} sign-offs)`,
    value: round(verified.ms),
    unit: 'ms',
    reference: `canonical JSON of the record ${round((await timed(async () => canonicalJson(exported.value.record))).ms)} ms`,
    ratio: null,
    budget: '< 500 ms',
    pass: verified.ms < 500,
  },
])
