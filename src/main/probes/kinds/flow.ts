import type { z } from 'zod'
import type { ConditionOutcome } from '../../../shared/conditions/evaluate'
import { parseDuration } from '../../../shared/plan/duration'
import { placeholdersIn } from '../../../shared/plan/references'
import type { FlowProbeSchema } from '../../../shared/plan/probes'
import type { StepEvidence } from '../../../shared/probes/result'
import { captureValue, checkConditions, conditionsReason } from '../conditions'
import { exchangeEvidence, requestEvidence } from '../evidence'
import { ProbeFailure } from '../failures'
import { decodeBody, httpExchange, ProbeAgent, type HttpRequestSpec } from '../http-exchange'
import type { KindContext, KindOutcome } from '../kind'
import { resolveRequest } from '../request-spec'
import { rejection } from './http'
import { sleep } from '../sleep'

export type FlowProbe = z.infer<typeof FlowProbeSchema>
type FlowStep = FlowProbe['steps'][number]

interface StepView {
  status: number
  headers: Record<string, string>
  body: unknown
}

/**
 * Steps run in order on kept-alive connections. Each step's captures become vars for the next;
 * captures listed under `evidence` (job ids, request ids) are recorded, the others (tokens) are
 * treated as secrets and kept out of evidence. A step that polls repeats until its condition holds
 * or its deadline passes.
 */
export async function runFlowProbe(probe: FlowProbe, ctx: KindContext): Promise<KindOutcome> {
  const agents = new Map<boolean, ProbeAgent>()
  const agentFor = (insecure: boolean) => {
    let agent = agents.get(insecure)
    if (!agent) agents.set(insecure, (agent = new ProbeAgent({ insecure })))
    return agent
  }
  const vars: Record<string, string> = { ...ctx.vars }
  const steps: Record<string, StepView> = {}
  const evidence: StepEvidence[] = []
  const ids: Record<string, string> = {}
  let last: StepView | undefined
  /** Run one step; a failure is returned as its reason (the evidence is recorded either way). */
  const runStep = async (step: FlowStep): Promise<string | undefined> => {
    let spec: HttpRequestSpec | undefined
    let attempts = 0
    try {
      spec = await resolveRequest(step, ctx.placeholders, vars)
      const pollDeadline = step.poll ? performance.now() + parseDuration(step.poll.deadline) : 0
      for (;;) {
        attempts++
        const exchange = await httpExchange(spec, {
          deadline: ctx.deadline,
          retryOn429: 2,
          agent: agentFor(step.insecure),
          followRedirects: step.followRedirects,
          ...(step.maxBodyBytes !== undefined && { maxBodyBytes: step.maxBodyBytes }),
        })
        const rejected = rejection(exchange, step.authHint)
        if (rejected !== undefined) {
          evidence.push({
            id: step.id,
            attempts,
            conditions: [],
            captured: {},
            ...exchangeEvidence(exchange, ctx.redactor(), step.insecure, ctx.hidden),
          })
          return rejected
        }
        const { body, text } = decodeBody(exchange)
        const view: StepView = { status: exchange.status, headers: exchange.headers, body }
        const context = {
          status: exchange.status,
          headers: exchange.headers,
          body,
          text,
          timing: exchange.timing,
          vars,
          steps,
        }
        let pending: ConditionOutcome | undefined
        if (step.poll) {
          const until = checkConditions([step.poll.until], context)[0] as ConditionOutcome
          if (!until.pass) pending = until
        }
        if (pending && step.poll) {
          const interval = parseDuration(step.poll.interval)
          if (performance.now() + interval > pollDeadline) {
            throw new ProbeFailure(
              `${step.poll.until} still false after ${step.poll.deadline} (${attempts} attempts): ${pending.actual ?? ''}`,
            )
          }
          await sleep(interval, ctx.deadline.signal)
          continue
        }
        const conditions = checkConditions(step.expect, context)
        const captured: Record<string, string> = {}
        if (conditions.every((c) => c.pass)) {
          for (const [name, source] of Object.entries(step.capture)) {
            const value = captureValue(name, source, context)
            vars[name] = value
            if (step.evidence.includes(name)) captured[name] = ids[name] = value
            else ctx.hidden.add(value)
          }
        }
        evidence.push({
          id: step.id,
          attempts,
          conditions,
          captured,
          ...exchangeEvidence(exchange, ctx.redactor(), step.insecure, ctx.hidden),
        })
        steps[step.id] = last = view
        return conditionsReason(conditions)
      }
    } catch (e) {
      if (!(e instanceof ProbeFailure)) throw e
      const request = spec
        ? requestEvidence(spec, ctx.redactor(), step.insecure)
        : { request: { method: step.method, url: step.url } }
      evidence.push({
        id: step.id,
        attempts,
        conditions: [],
        captured: {},
        error: e.message,
        ...request,
      })
      return e.message
    }
  }
  try {
    let failure: string | undefined
    for (const step of probe.steps) {
      // After a failure only the `always` steps run: cleanup such as deleting a Play edit.
      if (failure !== undefined && (!step.always || needsMissingVar(step, vars))) continue
      const stepFailure = await runStep(step)
      if (stepFailure !== undefined) failure ??= `step \`${step.id}\`: ${stepFailure}`
    }
    if (failure !== undefined)
      return { conditions: [], failure, evidence: { steps: evidence, ids } }
    const conditions = checkConditions(probe.expect, { ...(last ?? {}), vars, steps })
    return { conditions, evidence: { steps: evidence, ids } }
  } finally {
    await Promise.all([...agents.values()].map((a) => a.close().catch(() => undefined)))
  }
}

/** A cleanup step that needs a var no earlier step captured (the edit was never opened) is moot. */
function needsMissingVar(step: FlowStep, vars: Readonly<Record<string, string>>): boolean {
  const texts = [step.url, step.body ?? '', ...Object.values(step.headers ?? {})]
  return texts.some((text) =>
    placeholdersIn(text).some(({ scope, name }) => scope === 'vars' && !(name in vars)),
  )
}
