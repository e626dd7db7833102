/**
 * Cascade rules from a scenario file, compiled once at load: each rule's expressions are parsed
 * (the safe expression form, no eval), checked against the variables its target kind offers, and
 * the rule is expanded into one instance per matching entity. Mistakes are reported with the
 * field path and the column in the expression.
 */
import type { CascadeRule, ScenarioData } from '../scenario/schema.ts';
import type { FileIssue } from '../scenario/errors.ts';
import { compileExpression, ExpressionError, type CompiledExpression } from './expr.ts';
import { knownVariables } from './variables.ts';

export interface RuleInstance {
  /** `${rule.id}:${entity}`: the id of what it spawns, and its key in the engine state. */
  key: string;
  rule: CascadeRule;
  kind: CascadeRule['target']['kind'];
  entity: string;
}

export interface CompiledRule {
  rule: CascadeRule;
  when: CompiledExpression;
  unless: CompiledExpression | null;
  probability: CompiledExpression | number;
  resolveWhen: CompiledExpression | null;
}

export interface CompiledCascades {
  rules: Map<string, CompiledRule>;
  instances: RuleInstance[];
}

export function roadIds(d: ScenarioData): string[] {
  return d.roads.map((r, i) => r.id ?? `road-${i}`);
}

/** Entities a rule's target matches, in scenario order (so instance order is stable). */
export function targetEntities(rule: CascadeRule, d: ScenarioData, districts: string[]): string[] {
  const t = rule.target;
  let all: string[];
  switch (t.kind) {
    case 'district': all = districts; break;
    case 'facility': all = d.facilities.filter((f) => !t.of || f.kind === t.of).map((f) => f.id); break;
    case 'road': all = roadIds(d); break;
    case 'river': all = d.rivers.map((r) => r.id); break;
    case 'incident': all = []; break; // incidents are matched as they appear
  }
  return t.ids ? all.filter((id) => t.ids!.includes(id)) : all;
}

export function compileCascades(d: ScenarioData, districts: string[], issues: FileIssue[]): CompiledCascades {
  const rules = new Map<string, CompiledRule>();
  const instances: RuleInstance[] = [];
  d.cascades.forEach((rule, i) => {
    const path = `cascades[${i}]`;
    const known = knownVariables(rule.target.kind);
    const compile = (src: string, field: string): CompiledExpression | null => {
      try {
        return compileExpression(src, known);
      } catch (e) {
        if (e instanceof ExpressionError) {
          issues.push({ path: `${path}.${field}`, message: `${e.message} in "${src}"` });
          return null;
        }
        throw e;
      }
    };
    const when = compile(rule.when, 'when');
    const unless = rule.unless ? compile(rule.unless, 'unless') : null;
    const probability = typeof rule.probability === 'number' ? rule.probability : compile(rule.probability, 'probability');
    let resolveWhen: CompiledExpression | null = null;
    rule.effects.forEach((eff, j) => {
      if (!('spawn' in eff) || !eff.spawn.resolve?.when) return;
      try {
        resolveWhen = compileExpression(eff.spawn.resolve.when, knownVariables('incident'));
      } catch (e) {
        if (!(e instanceof ExpressionError)) throw e;
        issues.push({ path: `${path}.effects[${j}].spawn.resolve.when`, message: `${e.message} in "${eff.spawn.resolve.when}"` });
      }
    });
    if (rule.target.ids) {
      const all = new Set(targetEntities({ ...rule, target: { ...rule.target, ids: undefined } }, d, districts));
      rule.target.ids.forEach((id, j) => {
        if (rule.target.kind !== 'incident' && !all.has(id)) issues.push({ path: `${path}.target.ids[${j}]`, message: `no ${rule.target.kind}${rule.target.of ? ` of kind "${rule.target.of}"` : ''} "${id}"` });
      });
    }
    if (rule.target.kind === 'facility' && rule.target.of && !d.facilities.some((f) => f.kind === rule.target.of))
      issues.push({ path: `${path}.target.of`, message: `the scenario has no facility of kind "${rule.target.of}"` });
    if (when === null || probability === null) return;
    rules.set(rule.id, { rule, when, unless, probability, resolveWhen });
    for (const entity of targetEntities(rule, d, districts)) instances.push({ key: `${rule.id}:${entity}`, rule, kind: rule.target.kind, entity });
  });
  return { rules, instances };
}

/** Incident ids the cascades may create: plans may name them (`dispatch … incident: waterlog:lp-beizhan`). */
export function cascadeIncidentIds(d: ScenarioData, districts: string[]): string[] {
  const out: string[] = [];
  for (const rule of d.cascades) {
    if (!rule.effects.some((e) => 'spawn' in e)) continue;
    for (const entity of targetEntities(rule, d, districts)) out.push(`${rule.id}:${entity}`);
  }
  return out;
}
