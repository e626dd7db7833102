/** JSON Schemas of the file formats, generated from the zod schemas (the single definition). */
import { z } from 'zod';
import { ScenarioFile, PlanFile, LogFile } from '../../engine/index.ts';

export function jsonSchemas(): Record<string, unknown> {
  const opts = { io: 'input' as const, unrepresentable: 'any' as const };
  return {
    'scenario.schema.json': { ...z.toJSONSchema(ScenarioFile, opts), title: 'Yanlian scenario (yanlian/scenario@1)' },
    'plan.schema.json': { ...z.toJSONSchema(PlanFile, opts), title: 'Yanlian plan (yanlian/plan@1)' },
    'log.schema.json': { ...z.toJSONSchema(LogFile, opts), title: 'Yanlian event log (yanlian/log@2)' }
  };
}
