/**
 * Which resources ran short in a run, read from its event stream:
 *  - `team:<type>`: an order to dispatch a team of that type was refused because the team was
 *    not there to send: busy on another task, resting after a deployment, out of service, or
 *    absent from this variant of the scenario (dropped by `--vary`); or a plan rule that picks
 *    the first free team of a list found none free (`plan.rule-unstaffed`);
 *  - `item:<name>`: the seats asked of (`resources.requested`) hold, in their own stockpiles,
 *    less of the item than was asked of them in the run so far (the engine does not deliver
 *    items, so a request is met only if the asked seat has it in store).
 * Refusals for other reasons (no right to order, incident not yet known) are not shortages.
 */
import type { DomainEvent, Scenario } from '../../engine/index.ts';

/** Reasons of a refused dispatch that mean "the team was not available" (engine/commands/apply.ts). */
const UNAVAILABLE = /^team "[^"]+" is |^unknown team "/;

export function shortages(events: DomainEvent[], scenario: Scenario, teamTypes: Map<string, string>): string[] {
  const short = new Set<string>();
  const stock = new Map<string, number>();
  for (const s of scenario.data.stockpiles) for (const [item, q] of Object.entries(s.items)) stock.set(`${s.owner}\u0000${item}`, (stock.get(`${s.owner}\u0000${item}`) ?? 0) + q);
  const asked = new Map<string, number>();
  for (const e of events) {
    if (e.type === 'command.refused' && e.data.type === 'dispatch') {
      const team = (e.data.command as { team?: string } | undefined)?.team;
      const type = team === undefined ? undefined : teamTypes.get(team);
      if (type && UNAVAILABLE.test(String(e.data.reason))) short.add(`team:${type}`);
    } else if (e.type === 'plan.rule-unstaffed') {
      for (const team of (e.data.teams as string[] | undefined) ?? []) {
        const type = teamTypes.get(team);
        if (type) short.add(`team:${type}`);
      }
    } else if (e.type === 'resources.requested') {
      const k = `${e.data.to}\u0000${e.data.resource}`;
      const total = (asked.get(k) ?? 0) + Number(e.data.quantity);
      asked.set(k, total);
      if (total > (stock.get(k) ?? 0)) short.add(`item:${e.data.resource}`);
    }
  }
  return [...short].sort();
}

/** Team id → type over the scenario as written and every variant (dropped teams keep their type). */
export function teamTypeMap(scenarios: Scenario[]): Map<string, string> {
  const m = new Map<string, string>();
  for (const s of scenarios) for (const t of s.data.teams) m.set(t.id, t.type);
  return m;
}
