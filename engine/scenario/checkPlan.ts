/**
 * A plan's triggers: a rule (or an inject's expectation) that waits for an event type the engine
 * never emits, or for a field such events never carry, would never fire (legal, so a warning
 * with the names the engine does use); rules that fire each other in a loop (an error).
 */
import { EVENT_FIELDS, EVENT_TYPES, ORDER_EVENTS, PLAN_ORDER_EVENTS, isEventType } from '../sim/eventTypes.ts';
import type { FileIssue } from './errors.ts';
import type { Match, Plan, PlanRule, ScenarioData } from './schema.ts';
import { findCycle, loopsOf } from '../util/graph.ts';

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

/** Shortest loop of plan rules accepted: below it the rules would fire each other in one instant, without end. */
const MIN_LOOP_MIN = 1;

/**
 * Could rule `s` (firing on every matching event) be triggered by an event that firing rule `r`
 * brings about? Yes unless a plain condition of `s` rules it out: another rule id, another
 * command type, another seat, or a field of `r`'s order with another fixed value.
 */
function feeds(r: PlanRule, s: PlanRule, parent: string | undefined): boolean {
  if (!('event' in s.when)) return false;
  const type = s.when.event;
  if (!PLAN_ORDER_EVENTS.includes(type) && !(ORDER_EVENTS[r.do.type] ?? []).includes(type)) return false;
  const order = r.do as Record<string, unknown>;
  // What the events of r's order say about r, by field name.
  // (`from` and `to` of a team's movement are places, so they are said only for a report.)
  const own: Record<string, unknown> = {
    rule: r.id, by: r.by, seat: r.by, type: r.do.type, via: 'plan',
    ...(r.do.type === 'set-response-level' ? { to: r.do.level } : {}),
    ...(r.do.type === 'report-up' || r.do.type === 'request-resources' ? { from: r.by, to: parent } : {})
  };
  for (const [k, cond] of Object.entries(s.when.match ?? {})) {
    const v = k in own ? own[k] : order[k];
    if (v === undefined || v === null || typeof v === 'object' || (typeof v === 'string' && v.startsWith('$event.'))) continue;
    if (typeof cond !== 'object' && cond !== v) return false;
    if (typeof cond === 'object' && cond.in && !cond.in.includes(v as string)) return false;
  }
  return true;
}

/**
 * Plan rules with `each: true` that can trigger one another through the events of their own
 * orders. A loop whose every step comes less than a minute after the last never lets the clock
 * move on (the run hung). A slower loop repeats for the whole run, and the run's plan-loop guard
 * would end it at its fourth firing along one chain (engine/sim/limits.ts): both are refused here, so that what
 * validate accepts runs to its end.
 */
export function checkPlanLoops(plan: Plan, data: Pick<ScenarioData, 'seats'>, prefix: string): FileIssue[] {
  const rules = plan.rules;
  const seats = new Map(data.seats.map((x) => [x.id, x]));
  // Edge r → s with its delay: r's `after`, and the seat's report delay when s waits for the report's arrival.
  const edges = rules.map((r) => rules.flatMap((s, j) => {
    if (!s.each || !feeds(r, s, seats.get(r.by)?.parent)) return [];
    const viaReport = 'event' in s.when && (s.when.event === 'report.received' || s.when.event === 'resources.requested');
    return [{ j, delay: r.after + (viaReport ? seats.get(r.by)?.reportDelay ?? 0 : 0) }];
  }));
  const names = (loop: number[]) => [...loop, loop[0]].map((k) => rules[k].id).join(' → ');
  const fast = findCycle(edges.map((es) => es.filter((e) => e.delay < MIN_LOOP_MIN).map((e) => e.j)));
  if (fast) return [{ path: `${prefix}rules[${fast[0]}]`, message: `rules fire each other in a loop, each less than ${MIN_LOOP_MIN} min after the last (${names(fast)}): each order brings about the event that gives it again, without end; give one of them "after" of at least ${MIN_LOOP_MIN} min, a "match" that excludes the others' orders, or drop "each"` }];
  // A slower loop that branches (a rule feeding two rules of the loop) doubles its orders at every
  // turn; a plain ring repeats until the run's guard stops it. Both are refused.
  const next = edges.map((es) => es.map((e) => e.j));
  return loopsOf(next).map(({ nodes, cycle, branches }) => {
    const p = `${prefix}rules[${nodes[0]}]`;
    if (branches) return { path: p, message: `rules fire each other in a loop that branches (${nodes.map((k) => rules[k].id).join(', ')}): the orders double at every turn, without end; limit it with "match" or drop "each"` };
    return { path: p, message: `rules can fire each other in a loop (${names(cycle)}): each order brings about the event that gives the next; the run would be stopped by its plan-loop guard; limit it with "match" or drop "each"` };
  });
}
