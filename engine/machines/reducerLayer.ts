/**
 * The same lifecycles as the XState machines, as hand-written switch reducers. This is the
 * baseline the benchmark measures XState against, and tests check that both layers give the
 * same event stream. Keep the two in step: a change to a machine needs its twin here.
 */
import type { DelayedEvent, LifecycleKind, LifecycleLayer, LifecycleSnap, LifecycleStep } from './lifecycle.ts';
import { GRADES, type Grade } from './incident.ts';
import { LEVELS } from './commandPost.ts';

type Ev = { type: string; [k: string]: unknown };

const after = (state: string, delay: number): DelayedEvent => ({ id: `after.${state}`, delay, event: { type: `after.${state}` } });

function step(value: string, context: Record<string, unknown>, timers: DelayedEvent[] = [], cancels: string[] = []): LifecycleStep {
  return { snap: { value, context }, timers, cancels };
}

const TEAM_DELAY: Record<string, string> = { mobilizing: 'mobilizeMin', enRoute: 'travelMin', returning: 'returnMin', resting: 'restMin' };
const TEAM_NEXT: Record<string, string> = { mobilizing: 'enRoute', enRoute: 'onScene', returning: 'resting', resting: 'available' };

/** Leave `from`, enter `to`: cancel the old state's delay, schedule the new one's. */
function teamGo(from: string, to: string, ctx: Record<string, unknown>, reenter = false): LifecycleStep {
  if (from === to && !reenter) return step(from, ctx);
  const cancels = TEAM_DELAY[from] ? [`after.${from}`] : [];
  const timers = TEAM_DELAY[to] ? [after(to, ctx[TEAM_DELAY[to]] as number)] : [];
  return step(to, ctx, timers, cancels);
}

function team(snap: LifecycleSnap, e: Ev): LifecycleStep {
  const s = snap.value;
  const ctx = snap.context;
  const route = () => ({ ...ctx, travelMin: e.travelMin as number, returnMin: e.returnMin as number });
  if (e.type === `after.${s}` && TEAM_NEXT[s]) return teamGo(s, TEAM_NEXT[s], ctx);
  switch (e.type) {
    case 'DISPATCH':
      if (s === 'available' || s === 'resting') return teamGo(s, 'mobilizing', route());
      if (s === 'returning') return teamGo(s, 'enRoute', route());
      break;
    case 'REDIRECT':
      if (s === 'mobilizing') return step(s, route());
      if (s === 'enRoute') return teamGo(s, 'enRoute', route(), true);
      if (s === 'onScene') return teamGo(s, 'enRoute', route());
      break;
    case 'RECALL':
      if (s === 'mobilizing') return teamGo(s, 'available', ctx);
      if (s === 'enRoute' || s === 'onScene') return teamGo(s, 'returning', ctx);
      break;
    case 'RELEASE':
      if (s === 'onScene') return teamGo(s, 'returning', ctx);
      break;
    case 'CASUALTY':
      if (s !== 'resting' && s !== 'outOfService') return teamGo(s, 'outOfService', ctx);
      break;
  }
  return step(s, ctx);
}

const INCIDENT_NEXT: Record<string, Record<string, string>> = {
  unknown: { REPORT: 'reported', RESPOND: 'responding' },
  reported: { VERIFY: 'verified', RESPOND: 'responding' },
  verified: { RESPOND: 'responding' },
  responding: { CONTAIN: 'contained' },
  contained: { CLOSE: 'closed' },
  closed: {}
};

function incident(snap: LifecycleSnap, e: Ev): LifecycleStep {
  if (e.type === 'ESCALATE') {
    // Like the machine's root-level ESCALATE: not while closed (a final state takes no events).
    if (snap.value === 'closed') return step(snap.value, snap.context);
    const worse = GRADES.indexOf(e.grade as Grade) > GRADES.indexOf(snap.context.grade as Grade);
    return step(snap.value, worse ? { ...snap.context, grade: e.grade } : snap.context);
  }
  return step(INCIDENT_NEXT[snap.value][e.type] ?? snap.value, snap.context);
}

function post(snap: LifecycleSnap, e: Ev): LifecycleStep {
  if (e.type === 'SET_LEVEL' && LEVELS.includes(e.level as never)) return step(e.level as string, snap.context);
  return step(snap.value, snap.context);
}

const EXERCISE_NEXT: Record<string, Record<string, string>> = {
  setup: { START: 'running', END: 'ended' },
  running: { PAUSE: 'paused', END: 'ended' },
  paused: { RESUME: 'running', END: 'ended' },
  ended: {}
};

function exercise(snap: LifecycleSnap, e: Ev): LifecycleStep {
  return step(EXERCISE_NEXT[snap.value][e.type] ?? snap.value, snap.context);
}

export function createReducerLayer(): LifecycleLayer {
  return {
    name: 'reducers',
    start(kind: LifecycleKind, input: Record<string, unknown>) {
      switch (kind) {
        case 'team':
          return step('available', { mobilizeMin: input.mobilizeMin, travelMin: 0, returnMin: 0, restMin: input.restMin });
        case 'incident':
          return step('unknown', { grade: input.grade });
        case 'post':
          return step('none', {});
        case 'exercise':
          return step('setup', {});
      }
    },
    send(kind, snap, event) {
      switch (kind) {
        case 'team': return team(snap, event);
        case 'incident': return incident(snap, event);
        case 'post': return post(snap, event);
        case 'exercise': return exercise(snap, event);
      }
    }
  };
}
