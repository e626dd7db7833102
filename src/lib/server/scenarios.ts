// Lists the bundled scenarios for the web UI.
// Interim reader: picks the summary fields straight from the YAML. The engine's
// scenario loader will replace the parsing; keep the signature of listScenarios.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';

export const SCENARIO_FORMAT = 'yanlian/scenario@1';

export interface Bilingual {
  zh: string;
  en: string;
}

export interface ScenarioSummary {
  /** File name inside the scenarios directory, e.g. `chemical-leak.yaml`. */
  file: string;
  id: string;
  title: Bilingual;
  summary: Bilingual;
  /** Hazard key, e.g. `chemical-leak`. */
  hazard: string;
  region: Bilingual;
}

/** The scenarios directory: `$YANLIAN_SCENARIOS`, else `./scenarios`. */
export function scenariosDir(): string {
  return path.resolve(process.env.YANLIAN_SCENARIOS ?? 'scenarios');
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Accepts `{ zh, en }`; a plain string is used for both languages; a missing half falls back to the other. */
function bilingual(v: unknown, field: string, required: boolean): Bilingual {
  if (typeof v === 'string' && v.trim()) return { zh: v.trim(), en: v.trim() };
  if (isRecord(v)) {
    const zh = typeof v.zh === 'string' ? v.zh.trim() : '';
    const en = typeof v.en === 'string' ? v.en.trim() : '';
    if (zh || en) return { zh: zh || en, en: en || zh };
  }
  if (required) throw new Error(`missing or invalid "${field}" (expected { zh, en })`);
  return { zh: '', en: '' };
}

function summarize(file: string, doc: unknown): ScenarioSummary {
  if (!isRecord(doc)) throw new Error('not a YAML mapping');
  if (doc.format !== SCENARIO_FORMAT) {
    throw new Error(`format is ${JSON.stringify(doc.format ?? null)}, expected "${SCENARIO_FORMAT}"`);
  }
  const id = typeof doc.id === 'string' ? doc.id.trim() : '';
  if (!id) throw new Error('missing "id"');
  return {
    file,
    id,
    title: bilingual(doc.title, 'title', true),
    summary: bilingual(doc.summary, 'summary', false),
    hazard: typeof doc.hazard === 'string' ? doc.hazard.trim() : '',
    region: bilingual(doc.region, 'region', false)
  };
}

/**
 * Reads the `*.yaml` files at the top level of `dir` (default: scenariosDir())
 * and returns their summaries sorted by file name. Files that cannot be read or
 * are not Yanlian scenarios are skipped with a console warning.
 */
export async function listScenarios(dir: string = scenariosDir()): Promise<ScenarioSummary[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    console.warn(`[yanlian] cannot read scenarios directory ${dir}: ${(err as Error).message}`);
    return [];
  }
  const files = entries
    .filter((e) => (e.isFile() || e.isSymbolicLink()) && e.name.endsWith('.yaml'))
    .map((e) => e.name)
    .sort();

  const out: ScenarioSummary[] = [];
  for (const file of files) {
    try {
      const text = await readFile(path.join(dir, file), 'utf8');
      out.push(summarize(file, parse(text)));
    } catch (err) {
      console.warn(`[yanlian] skipping scenario ${file}: ${(err as Error).message.split('\n')[0]}`);
    }
  }
  return out;
}
