/**
 * Where a live exercise's scenario comes from: a bundled scenario file, or a user's upload.
 * Either way the exercise keeps a bundle (the YAML and every file it read) in the store, so a
 * restart or a fork loads exactly the scenario the exercise began with, whatever changed on disk.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { loadScenario, InputFileError, type Scenario, type LogScenarioSource } from '../../../../engine/index.ts';
import { listBundledScenarioFiles } from '../../../cli/files.ts';

/** The name an uploaded scenario is known by (it has no file of its own). */
export const UPLOAD_FILE = 'upload.yaml';

export interface ScenarioBundle {
  /** The name the scenario is known by in messages (bundled file name or "upload.yaml"). */
  file: string;
  yaml: string;
  /** Every file the scenario referred to, by the relative path it used. */
  files: Record<string, string>;
}

export interface ScenarioListing {
  id: string;
  file: string;
  title: { zh: string; en: string };
  summary: { zh: string; en: string };
  hazard: string;
  seats: { id: string; name: { zh: string; en: string }; tier: string }[];
}

/** The bundled scenarios directory: `$YANLIAN_SCENARIOS`, else `scenarios/` of the working directory (npm start runs from the repository). */
export function scenariosDir(): string {
  return path.resolve(process.env.YANLIAN_SCENARIOS ?? 'scenarios');
}

/** Read a file referred to by a scenario, inside `base` only (an upload cannot read the server's other files). */
function readInside(base: string, rel: string): string {
  const full = path.resolve(base, rel);
  const inside = path.relative(base, full);
  if (inside.startsWith('..') || path.isAbsolute(inside)) throw new Error(`"${rel}" is outside the scenarios directory`);
  return readFileSync(full, 'utf8');
}

/** Load a scenario from YAML text, recording every referenced file into a bundle. */
function loadRecording(yaml: string, file: string, read: (rel: string) => string): { scenario: Scenario; bundle: ScenarioBundle } {
  const files: Record<string, string> = {};
  const scenario = loadScenario(yaml, file, (rel) => (files[rel] = read(rel)));
  return { scenario, bundle: { file, yaml, files } };
}

/** The bundled scenario of this id (its `id:` field or its file name without .yaml). */
export function loadBundled(id: string): { scenario: Scenario; bundle: ScenarioBundle } | null {
  const dir = scenariosDir();
  for (const full of listBundledScenarioFiles(dir)) {
    const name = path.basename(full, '.yaml');
    const yaml = readFileSync(full, 'utf8');
    if (name !== id && !new RegExp(`^id:\\s*['"]?${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}['"]?\\s*$`, 'm').test(yaml)) continue;
    return loadRecording(yaml, path.basename(full), (rel) => readInside(dir, rel));
  }
  return null;
}

/**
 * A user's scenario: YAML plus the files it refers to. A referenced file not given is looked
 * up among the bundled scenarios' files (so an upload may use the bundled maps).
 * Throws InputFileError with field paths when the scenario has mistakes.
 */
export function loadUpload(yaml: string, given: Record<string, string> = {}): { scenario: Scenario; bundle: ScenarioBundle } {
  const dir = scenariosDir();
  return loadRecording(yaml, UPLOAD_FILE, (rel) => (Object.hasOwn(given, rel) ? given[rel] : readInside(dir, rel)));
}

/**
 * How an exported log names its scenario: a bundled one by the name `yanlian replay` finds it by;
 * an upload is on no other machine, so the log says it must be given (--scenario FILE).
 */
export function logSource(bundleFile: string): LogScenarioSource {
  return bundleFile === UPLOAD_FILE ? { scenario: UPLOAD_FILE, scenarioUploaded: true } : { scenario: path.basename(bundleFile, '.yaml') };
}

/** Rebuild a scenario from its stored bundle. */
export function loadFromBundle(bundle: ScenarioBundle): Scenario {
  return loadScenario(bundle.yaml, bundle.file, (rel) => {
    if (!Object.hasOwn(bundle.files, rel)) throw new Error(`"${rel}" is not in the exercise's stored scenario`);
    return bundle.files[rel];
  });
}

export function listing(s: Scenario, file: string): ScenarioListing {
  const d = s.data;
  return {
    id: d.id,
    file,
    title: d.title,
    summary: d.summary,
    hazard: d.hazard,
    seats: d.seats.map((x) => ({ id: x.id, name: x.name, tier: x.tier }))
  };
}

/** A file's modification stamp (changes when the file does). */
function stampOf(full: string): string {
  try {
    const st = statSync(full);
    return `${st.mtimeMs}:${st.size}`;
  } catch {
    return 'missing';
  }
}

/** Listings by scenario file, valid while the file and every file it read are unchanged (loading builds the whole world). */
const listingCache = new Map<string, { stamps: Record<string, string>; listing: ScenarioListing | null }>();

function cachedListing(dir: string, full: string): ScenarioListing | null {
  const hit = listingCache.get(full);
  if (hit && Object.entries(hit.stamps).every(([f, st]) => stampOf(f) === st)) return hit.listing;
  const stamps: Record<string, string> = { [full]: stampOf(full) };
  let result: ScenarioListing | null = null;
  try {
    const { scenario, bundle } = loadRecording(readFileSync(full, 'utf8'), path.basename(full), (rel) => readInside(dir, rel));
    for (const rel of Object.keys(bundle.files)) stamps[path.resolve(dir, rel)] = stampOf(path.resolve(dir, rel));
    result = listing(scenario, path.basename(full));
  } catch (e) {
    const msg = e instanceof InputFileError ? e.message.split('\n')[0] : (e as Error).message;
    console.warn(`[yanlian] skipping scenario ${path.basename(full)}: ${msg}`);
  }
  listingCache.set(full, { stamps, listing: result });
  return result;
}

/** Every bundled scenario that loads; one that does not is reported on the console and left out. */
export function listBundled(): ScenarioListing[] {
  const out: ScenarioListing[] = [];
  const dir = scenariosDir();
  let files: string[];
  try {
    files = listBundledScenarioFiles(dir);
  } catch (e) {
    console.warn(`[yanlian] cannot read the scenarios directory ${dir}: ${(e as Error).message}`);
    return out;
  }
  for (const full of files) {
    const l = cachedListing(dir, full);
    if (l) out.push(l);
  }
  return out;
}
