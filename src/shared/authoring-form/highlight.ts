/**
 * The words of an item that decided a drafted check, marked in its text: the whole phrase when the
 * text has it, else each word of it (three letters or more) wherever it occurs. Case-insensitive;
 * the parts joined give the text back unchanged.
 */
export function markWords(text: string, because: string): { text: string; marked: boolean }[] {
  const phrase = because.trim()
  if (!phrase) return [{ text, marked: false }]
  const lower = text.toLowerCase()
  const needles = lower.includes(phrase.toLowerCase())
    ? [phrase.toLowerCase()]
    : [...new Set(phrase.toLowerCase().split(/[^\p{L}\p{N}_./-]+/u))].filter((w) => w.length >= 3)
  const hits: boolean[] = Array.from({ length: text.length }, () => false)
  for (const needle of needles) {
    for (let at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, at + 1))
      for (let i = at; i < at + needle.length; i += 1) hits[i] = true
  }
  const parts: { text: string; marked: boolean }[] = []
  for (let i = 0; i < text.length; i += 1) {
    const last = parts[parts.length - 1]
    if (last && last.marked === hits[i]) last.text += text.charAt(i)
    else parts.push({ text: text.charAt(i), marked: hits[i]! })
  }
  return parts.length ? parts : [{ text, marked: false }]
}
