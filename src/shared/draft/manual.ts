/**
 * Items a person does, not a machine checks: meetings, documents, training, people, legal and
 * marketing work, reviews and decisions. No rule drafts for them, whatever else the text says.
 */
export const MANUAL_WORDS: readonly RegExp[] = [
  /\b(meeting|stand-?up|retro(spective)?|post-?mortem|kick-?off|workshop|demo day|all-hands)\b/i,
  /\b(document(ed|ation)?|docs|write|written|wiki|readme|runbooks?|playbooks?|guides?|diagrams?|handbook|report|notes)\b/i,
  /\b(train(ed|ing)?|onboard(ed|ing)? the team|hire[ds]?|hiring|staff(ed|ing)?|interview(s|ed)?)\b/i,
  /\b(legal|lawyer|counsel|contracts?|dpa|gdpr|compliance|terms of service signed|trademark|licen[cs]e review)\b/i,
  /\b(marketing|press( release)?|announce(ment|d)?|blog|newsletter|social media|tweet|product hunt|launch post|campaign|copy and metadata)\b/i,
  /\b(feedback|survey|user research|retention|engagement|interviews?)\b/i,
  /\b(review(ed)?|sign(ed)?[- ]off|approv(e|ed|al)|decid(e|ed)|agree(d)?|discuss(ed)?|brief(ed|ing)?)\b/i,
  /\b(on-?call rotation|standby|stand by|war room|support ready|support contact|team)\b/i,
  /\b(plan(ned)?|strategy|roadmap|prioriti[sz]\w*|iteration|triage|analy[sz]e|optimi[sz]e|fine-tune|brainstorm)\b/i,
  /\b(budget|cost|spend|pricing)\b/i,
  /\b(manual(ly)?|by hand|smoke test all|exploratory)\b/i,
]

/** Imperative work at the start of an item: only provider-specific rules and explicit requests draft. */
export const TASK_VERBS =
  /^\s*(add|build|implement|create|set up|setup|finali[sz]e|define|complete|prepare|migrate|deploy|move|register|rotate|install|provision|write|update|upgrade|refactor|fix|run|apply|enable|configure|integrate|ingest)\b/i

/** Rotation, removal, deletion: an action, not a state a probe can observe. */
export const ACTION_ONLY =
  /\b(rotat(e|ed|ion)|delete[ds]?|removed?|revok(e|ed)d? from|clean(ed)? up|freeze|frozen)\b/i

/**
 * States a provider reports in words that elsewhere mean a person's work: a submission waiting
 * for App Review, a ruleset requiring one approval. They are read past by the manual words.
 */
const PROVIDER_STATES =
  /\b((submitted|sent) (to|for) (the )?(app (store )?)?review|(waiting for|in) review|app store review|review submission|(\d+|one|two|three) approv(als?|ing reviews?))\b/gi

export function isManual(text: string): string | undefined {
  const words = text.replace(PROVIDER_STATES, ' ')
  for (const re of MANUAL_WORDS) {
    const m = re.exec(words)
    if (m) return m[0]
  }
  return undefined
}
