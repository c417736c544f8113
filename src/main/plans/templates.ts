import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { loadPlanFile } from './plan-files'

export interface TemplateInfo {
  id: string
  name: string
  description?: string
}

/** The plan templates bundled in resources/plans, listed by file stem. */
export async function listTemplates(resourcesDir: string): Promise<TemplateInfo[]> {
  const dir = join(resourcesDir, 'plans')
  const files = (await readdir(dir)).filter((f) => f.endsWith('.yaml')).sort()
  const out: TemplateInfo[] = []
  for (const file of files) {
    const loaded = await loadPlanFile(join(dir, file))
    if (!loaded.ok) continue
    const { plan } = loaded.value
    out.push({
      id: file.replace(/\.yaml$/, ''),
      name: plan.name,
      ...(plan.description ? { description: plan.description.split('\n')[0] } : {}),
    })
  }
  return out
}

export function templatePath(resourcesDir: string, id: string): string {
  if (!/^[a-z0-9-]+$/.test(id)) throw new Error(`invalid template id "${id}"`)
  return join(resourcesDir, 'plans', `${id}.yaml`)
}
