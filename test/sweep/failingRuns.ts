/**
 * Runs that fail for real, for the tests of failed runs.
 *
 * Thrown: a plan that makes some runs throw. The chemical-leak plan as
 * loaded, then given one more rule whose delay is not a number (the plan loader would refuse it;
 * the pack carries plans as loaded objects, and the runner runs them as they are). When the rule
 * triggers — on the seeds where the leak ignites (`leak-fire` is reported) — the engine's scheduler
 * throws "due time must be finite". A real throw inside the engine, on some seeds and not others.
 *
 * Aborted: the bundled chemical-leak scenario with a `limits` block, written next to links to the
 * bundled maps and plans; runs that meet a limit end with `run.aborted`.
 */
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPlanFile, loadScenarioFile } from '../../src/cli/files.ts';
import type { PlanSpec } from '../../src/sweep/types.ts';
import type { PlanRule } from '../../engine/scenario/schema.ts';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const PLAN = join(ROOT, 'scenarios', 'plans', 'chemical-leak.yaml');
export const WEAK = join(ROOT, 'scenarios', 'plans', 'chemical-leak-weak.yaml');

export const BROKEN_MESSAGE = 'scheduler: due time must be finite (timer plan/rule:broken-delay)';

export function brokenPlanSpecs(): PlanSpec[] {
  const scenario = loadScenarioFile('chemical-leak');
  const plan = loadPlanFile(PLAN, scenario);
  const weak = loadPlanFile(WEAK, scenario);
  const broken: PlanRule = {
    id: 'broken-delay',
    name: { zh: '延时写错的规则', en: 'A rule with a malformed delay' },
    when: { event: 'incident.reported', match: { incident: 'leak-fire' } },
    by: 'district-tiexi',
    after: 'never' as unknown as number,
    each: false,
    do: { type: 'report-up', incident: 'leak-fire', text: { zh: '起火', en: 'Fire' } }
  };
  return [
    { id: weak.id, source: WEAK, plan: weak },
    { id: `${plan.id}-broken`, source: 'broken.yaml', plan: { ...plan, id: `${plan.id}-broken`, rules: [...plan.rules, broken] } }
  ];
}

/** The chemical-leak scenario with these run-time limits, as a file of its own; returns its path. */
export function limitedScenario(limits: { maxEvents?: number; maxIncidents?: number; maxSteps?: number }): string {
  const dir = mkdtempSync(join(tmpdir(), 'yanlian-limits-'));
  for (const sub of ['maps', 'plans']) symlinkSync(join(ROOT, 'scenarios', sub), join(dir, sub));
  const file = join(dir, 'limited.yaml');
  writeFileSync(file, `${readFileSync(join(ROOT, 'scenarios', 'chemical-leak.yaml'), 'utf8')}\nlimits: ${JSON.stringify(limits)}\n`);
  return file;
}
