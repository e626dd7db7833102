/**
 * A plan that makes some runs throw, for the tests of failed runs. The chemical-leak plan as
 * loaded, then given one more rule whose delay is not a number (the plan loader would refuse it;
 * the pack carries plans as loaded objects, and the runner runs them as they are). When the rule
 * triggers — on the seeds where the leak ignites (`leak-fire` is reported) — the engine's scheduler
 * throws "due time must be finite". A real throw inside the engine, on some seeds and not others.
 */
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPlanFile, loadScenarioFile } from '../../src/cli/files.ts';
import type { PlanSpec } from '../../src/sweep/types.ts';
import type { PlanRule } from '../../engine/scenario/schema.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
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
    do: { type: 'report-up', incident: 'leak-fire', text: { zh: '起火', en: 'Fire' } }
  } as PlanRule;
  return [
    { id: weak.id, source: WEAK, plan: weak },
    { id: `${plan.id}-broken`, source: 'broken.yaml', plan: { ...plan, id: `${plan.id}-broken`, rules: [...plan.rules, broken] } }
  ];
}
