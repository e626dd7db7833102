/**
 * Warnings about a plan's triggers: a rule (or an inject's expectation) that waits for an event
 * type the engine never emits, or for a field such events never carry, would never fire. Both
 * are legal, so they are warnings with the field path and the names the engine does use.
 */
import { EVENT_FIELDS, EVENT_TYPES, isEventType } from '../sim/eventTypes.ts';
import type { FileIssue } from './errors.ts';
import type { Match, Plan, ScenarioData } from './schema.ts';

function closest(word: string, known: readonly string[]): string | undefined {
  // A cheap "did you mean": the known name sharing the longest prefix, when it shares a real one.
  let best: string | undefined;
  let len = 0;
  for (const k of known) {
    let i = 0;
    while (i < k.length && i < word.length && k[i] === word[i]) i++;
    if (i > len) { len = i; best = k; }
  }
  return len >= 3 ? best : undefined;
}

/** An event trigger: its type is one the engine emits, and each matched field is one of its fields. */
export function checkEventTrigger(type: string, match: Match | undefined, p: string): FileIssue[] {
  if (!isEventType(type)) {
    const hint = closest(type, EVENT_TYPES);
    return [{ path: `${p}.event`, message: `the engine never emits an event "${type}", so this never fires${hint ? ` (did you mean "${hint}"?)` : ''}; known types: ${EVENT_TYPES.join(', ')}` }];
  }
  const fields = EVENT_FIELDS[type];
  const out: FileIssue[] = [];
  for (const key of Object.keys(match ?? {})) {
    const top = key.split('.')[0]; // "totals.deaths" reaches into the field "totals"
    if (!fields.includes(top)) out.push({ path: `${p}.match.${key}`, message: `"${type}" events have no field "${top}", so this never matches; their fields: ${fields.join(', ') || '(none)'}` });
  }
  return out;
}

export function planWarnings(plan: Plan, prefix: string): FileIssue[] {
  const out: FileIssue[] = [];
  plan.rules.forEach((r, i) => {
    if ('event' in r.when) out.push(...checkEventTrigger(r.when.event, r.when.match, `${prefix}rules[${i}].when`));
  });
  return out;
}

/** Inject expectations that wait for an event: the same check. */
export function expectationWarnings(d: ScenarioData): FileIssue[] {
  const out: FileIssue[] = [];
  d.injects.forEach((inj, i) => (inj.expect ?? []).forEach((e, j) => {
    if (!e.event) return;
    const w = checkEventTrigger(e.event.type, e.event.match, `injects[${i}].expect[${j}].event`);
    // The trigger's own path ends in ".event"; an expectation's type field is ".type".
    out.push(...w.map((x) => ({ ...x, path: x.path.replace(/\.event\.event$/, '.event.type') })));
  }));
  return out;
}
