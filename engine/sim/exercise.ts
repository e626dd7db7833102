/**
 * An exercise run: the engine state plus the scenario, stepped by the discrete-event scheduler.
 * Everything that happens is a function of (scenario, seed, plan, commands): no wall clock, no
 * Math.random. Drivers (CLI, live server, sweep) call `advanceTo` and `submit`; everyone reads
 * `events`.
 */
import { createScheduler, schedule, pop, peek, cancel } from '../time/scheduler.ts';
import { RandomStreams } from '../random/streams.ts';
import type { LifecycleKind, LifecycleLayer } from '../machines/lifecycle.ts';
import { createXStateLayer } from '../machines/xstateLayer.ts';
import type { Scenario } from '../scenario/load.ts';
import type { CommandBody, Plan, ScenarioSeat } from '../scenario/schema.ts';
import { shortestTravel, type RoadEdge } from '../world/roads.ts';
import type { Audience, DomainEvent } from './events.ts';
import type { EngineState, LoggedCommand, TimerPayload } from './state.ts';
import { applyCommand, type CommandResult } from '../commands/apply.ts';
import { onTeamChange, onIncidentChange, resumeStranded } from './lifecycles.ts';
import { startRelease, physicsTick, ignite, tankFailure, intakeArrival, initialExposure, windJitter, protectionChanged } from './chemical.ts';
import { planOnEvent, planStart, firePlanRule, staffWaitingOrder } from '../plan/autopilot.ts';
import { checkInversion } from '../commands/authority.ts';
import { clonePlain } from '../util/clone.ts';
import { own } from '../util/own.ts';
import { initialInfra, resolveByTeam } from '../cascade/run.ts';
import { startTyphoon, typhoonTick } from './typhoon.ts';
import { mainshock, aftershock, quakeTick } from './quake.ts';
import { resolveLimits, abortMessage, type Guard, type RunAborted, type RunLimits } from './limits.ts';

export interface ExerciseOptions {
  seed: string | number;
  plan?: Plan | null;
  layer?: LifecycleLayer;
  /** Called for each event as it is emitted (live drivers fan out from here). */
  onEvent?: (e: DomainEvent) => void;
}

/** Counters the benchmark reads to split time between machines, physics and the scheduler. */
export interface Profile {
  lifecycleSteps: number;
  lifecycleMs: number;
  physicsTicks: number;
  physicsMs: number;
  timers: number;
}

export class Exercise {
  readonly scenario: Scenario;
  readonly plan: Plan | null;
  readonly layer: LifecycleLayer;
  readonly rng: RandomStreams;
  state: EngineState;
  readonly events: DomainEvent[] = [];
  readonly commands: LoggedCommand[] = [];
  readonly seats: Map<string, ScenarioSeat>;
  readonly roads: RoadEdge[];
  /** Budgets of this run (the scenario's `limits`, defaults filled in). */
  readonly limits: RunLimits;
  profile: Profile | null = null;
  /** Wall-clock source for profiling only; set by a benchmark, never read for results. */
  clock: (() => number) | null = null;
  private onEvent?: (e: DomainEvent) => void;
  /** The seq from which `emit` records nothing more: the budget's last place, or 0 once aborted. */
  private eventCap = 0;
  private travelCache = new Map<string, number>();

  constructor(scenario: Scenario, opts: ExerciseOptions, restored?: EngineState) {
    this.scenario = scenario;
    this.plan = opts.plan === undefined ? scenario.data.plan ?? null : opts.plan;
    this.layer = opts.layer ?? createXStateLayer();
    this.onEvent = opts.onEvent;
    const seed = String(opts.seed);
    this.seats = new Map(scenario.data.seats.map((s) => [s.id, s]));
    this.roads = scenario.data.roads.map((r, i) => ({ id: r.id ?? `road-${i}`, from: r.from, to: r.to, minutes: r.minutes }));
    this.limits = resolveLimits(scenario.data.limits);
    if (restored) {
      this.state = structuredClone(restored);
      this.state.steps ??= 0; // saved before the step budget existed
      this.eventCap = this.budgetCap();
      this.rng = new RandomStreams(seed, this.state.rng);
      return;
    }
    this.rng = new RandomStreams(seed);
    this.eventCap = this.limits.maxEvents - 1;
    const d = scenario.data;
    this.state = {
      t: 0,
      seed,
      sched: createScheduler<TimerPayload>(),
      rng: {},
      eventSeq: 0,
      commandCount: 0,
      exercise: this.layer.start('exercise', {}).snap,
      teams: {},
      incidents: {},
      posts: {},
      activeFieldPosts: {},
      sources: [],
      tanks: {},
      exposure: initialExposure(scenario, d.protective.outdoorShare),
      warnings: {},
      orders: [],
      physicsScheduled: false,
      lastCasualtyKey: '',
      windJitter: windJitter(this.rng, d.duration, d.weather.directionJitterDeg),
      inversion: false,
      planFired: {},
      totals: { deaths: 0, aegl: [0, 0, 0], evacuated: 0, lastGrade: 'IV', pollutantKg: 0 },
      districtAegl: {},
      infra: undefined as never,
      cascades: {},
      steps: 0
    };
    this.state.infra = initialInfra(this);
    for (const t of d.teams) {
      this.state.teams[t.id] = { lc: this.layer.start('team', { mobilizeMin: t.mobilize, restMin: t.rest }).snap, location: t.base };
    }
    for (const s of d.seats) this.state.posts[s.id] = this.layer.start('post', {}).snap;
    for (const f of d.facilities) if (f.kind === 'chemical-plant') for (const tank of f.tanks) this.state.tanks[`${f.id}/${tank.id}`] = { status: 'intact' };
  }

  // ---------- driving ----------

  get status(): string {
    return this.state.exercise.value;
  }

  /** Start the clock: schedules the scenario's releases, scripted injects, plan timers and the end. */
  start(): void {
    if (this.status !== 'setup') return;
    this.lifecycle('exercise', 'exercise', { type: 'START' });
    const d = this.scenario.data;
    for (const r of d.releases) if (r.at !== undefined) this.at(r.at, 'engine', `release:${r.id}`, { kind: 'release-start', release: r.id });
    for (const inj of d.injects) if (!inj.manual) this.at(inj.at, 'engine', `inject:${inj.id}`, { kind: 'inject', inject: inj.id });
    if (d.typhoon) startTyphoon(this);
    if (d.earthquake) this.at(d.earthquake.at, 'engine', 'mainshock', { kind: 'mainshock' });
    this.at(d.duration, 'engine', 'end', { kind: 'end' });
    this.emit('exercise.started', { scenario: d.id, seed: this.state.seed, plan: this.plan?.id ?? null, duration: d.duration }, { audience: 'all' });
    planStart(this);
  }

  /** Process every timer due at or before `t`, then stand at `t`. */
  advanceTo(t: number): void {
    const s = this.state.sched;
    for (;;) {
      if (this.status === 'ended') return;
      const next = peek(s);
      if (!next || next.due > t) break;
      // A tick too small for the duration would step for ever without a single event.
      if (++this.state.steps > this.limits.maxSteps) {
        this.abort('max-steps', this.limits.maxSteps);
        return;
      }
      pop(s);
      if (next.due > this.state.t) this.state.t = next.due;
      if (this.profile) this.profile.timers++;
      this.fire(next.target, next.payload, next.seq);
    }
    if (this.status !== 'ended') this.state.t = Math.max(this.state.t, Math.min(t, this.scenario.data.duration));
  }

  /** Run to the end of the scenario (or `until`). */
  runToEnd(until = this.scenario.data.duration): void {
    if (this.status === 'setup') this.start();
    this.advanceTo(until);
    if (until >= this.scenario.data.duration && this.status !== 'ended') this.end('duration');
  }

  /** A seat (or the facilitator) gives an order at the current sim-time. Logged when it is well-formed JSON of a known seat. */
  submit(seat: string, cmd: unknown): CommandResult {
    if (this.state.aborted) return applyCommand(this, seat, cmd);
    // The order's own events (logged, accepted or refused, and what it does at once) are outside
    // the event budget (see EngineState.commandEvents); what it sets going later is not.
    const before = this.state.eventSeq;
    this.eventCap = Number.MAX_SAFE_INTEGER;
    try {
      return applyCommand(this, seat, cmd);
    } finally {
      this.state.commandEvents = (this.state.commandEvents ?? 0) + (this.state.eventSeq - before);
      this.eventCap = this.budgetCap();
    }
  }

  /** The seq from which `emit` aborts: the budget's last place, moved on by the events of outside orders; 0 once aborted. */
  private budgetCap(): number {
    return this.state.aborted ? 0 : this.limits.maxEvents - 1 + (this.state.commandEvents ?? 0);
  }

  /** Record a command in the log (done by applyCommand before anything else; a JSON copy of what was given). */
  logCommand(seat: string, cmd: CommandBody): void {
    let copy: CommandBody;
    try {
      copy = JSON.parse(JSON.stringify(cmd ?? null));
    } catch {
      copy = null as unknown as CommandBody;
    }
    this.commands.push({ t: this.state.t, seat, cmd: copy });
    this.state.commandCount++;
  }

  end(reason: string): void {
    if (this.status === 'ended') return;
    this.emit('exercise.ended', { reason, totals: { ...this.state.totals, deaths: Math.round(this.state.totals.deaths * 100) / 100 } }, { audience: 'all' });
    this.lifecycle('exercise', 'exercise', { type: 'END' });
  }

  /** A deep copy of the state (with the random streams), from which `Exercise.restore` resumes. */
  snapshot(): EngineState {
    this.state.rng = this.rng.save();
    return structuredClone(this.state);
  }

  static restore(scenario: Scenario, snap: EngineState, opts: Omit<ExerciseOptions, 'seed'> & { events?: DomainEvent[]; commands?: LoggedCommand[] }): Exercise {
    const ex = new Exercise(scenario, { ...opts, seed: snap.seed }, snap);
    if (opts.events) ex.events.push(...opts.events);
    if (opts.commands) ex.commands.push(...opts.commands);
    return ex;
  }

  // ---------- services for the modules ----------

  emit(type: string, data: Record<string, unknown>, opts: { audience?: Audience; cause?: number } = {}): DomainEvent {
    // One comparison per event. The last place in the budget is kept for `run.aborted`; after an
    // abort nothing more is recorded, so `run.aborted` stays the last event (the caller's step runs out silently).
    if (this.state.eventSeq >= this.eventCap) {
      return this.state.aborted ? this.events[this.events.length - 1] : this.abort('max-events', this.limits.maxEvents);
    }
    return this.record(type, data, opts);
  }

  private record(type: string, data: Record<string, unknown>, opts: { audience?: Audience; cause?: number }): DomainEvent {
    // A copy: events are history and must not change when the state they describe does.
    const e: DomainEvent = { seq: this.state.eventSeq++, t: Math.round(this.state.t * 1000) / 1000, type, audience: clonePlain(opts.audience ?? 'facilitator'), data: clonePlain(data) };
    if (opts.cause !== undefined) e.cause = opts.cause;
    this.events.push(e);
    this.onEvent?.(e);
    if (this.plan && !this.state.aborted) planOnEvent(this, e);
    return e;
  }

  /** Why a guard ended this run, or null. */
  get aborted(): RunAborted | null {
    return this.state.aborted ?? null;
  }

  /**
   * A guard tripped: end the run here. `run.aborted` is the last event, pending timers are
   * dropped and the exercise is ended, so nothing more happens however the caller goes on.
   */
  abort(guard: Guard, limit: number, rule?: string): DomainEvent {
    if (this.state.aborted) return this.events[this.events.length - 1];
    const aborted: RunAborted = { guard, limit, ...(rule !== undefined ? { rule } : {}), message: abortMessage(guard, limit, rule) };
    this.state.aborted = aborted;
    this.eventCap = 0;
    this.state.sched.heap = [];
    if (this.status !== 'ended') this.lifecycle('exercise', 'exercise', { type: 'END' });
    return this.record('run.aborted', { ...aborted }, { audience: 'facilitator' });
  }

  /** May one more incident start? At the budget the run is aborted instead (callers then create nothing). */
  admitIncident(): boolean {
    if (this.state.aborted) return false;
    if (Object.keys(this.state.incidents).length < this.limits.maxIncidents) return true;
    this.abort('max-incidents', this.limits.maxIncidents);
    return false;
  }

  at(delay: number, target: string, id: string, payload: TimerPayload): void {
    // An infinite delay never comes due (the scheduler takes finite times only); a NaN is a bug and still throws there.
    if (this.state.aborted || delay === Infinity) return;
    schedule(this.state.sched, this.state.t + Math.max(0, delay), target, id, payload);
  }

  unschedule(target: string, id: string): void {
    cancel(this.state.sched, target, id);
  }

  /** Send an event to a lifecycle (machine); returns the state before and after. */
  lifecycle(kind: LifecycleKind, entity: string, event: { type: string; [k: string]: unknown }, cause?: number): { from: string; to: string } {
    const snap = this.snapOf(kind, entity);
    const t0 = this.profile && this.clock ? this.clock() : 0;
    const step = this.layer.send(kind, snap, event);
    if (this.profile && this.clock) {
      this.profile.lifecycleMs += this.clock() - t0;
      this.profile.lifecycleSteps++;
    }
    this.setSnap(kind, entity, step.snap);
    const target = `${kind}:${entity}`;
    for (const id of step.cancels) cancel(this.state.sched, target, id);
    for (const tm of step.timers) {
      if (tm.delay !== Infinity) this.at(tm.delay, target, tm.id, { kind: 'lifecycle', lc: kind, entity, event: tm.event });
      // No road home (travel time Infinity): the team waits where it is, and goes once a road opens (lifecycles.ts).
      else if (kind === 'team' && step.snap.value === 'returning') this.state.teams[entity].stranded = { id: tm.id, event: tm.event };
    }
    const change = { from: snap.value, to: step.snap.value };
    if (change.from !== change.to || step.timers.length) this.afterChange(kind, entity, change, cause);
    return change;
  }

  private snapOf(kind: LifecycleKind, entity: string) {
    switch (kind) {
      case 'exercise': return this.state.exercise;
      case 'team': return this.state.teams[entity].lc;
      case 'incident': return this.state.incidents[entity].lc;
      case 'post': return this.state.posts[entity];
    }
  }

  private setSnap(kind: LifecycleKind, entity: string, snap: EngineState['exercise']): void {
    switch (kind) {
      case 'exercise': this.state.exercise = snap; break;
      case 'team': this.state.teams[entity].lc = snap; break;
      case 'incident': this.state.incidents[entity].lc = snap; break;
      case 'post': this.state.posts[entity] = snap; break;
    }
  }

  private afterChange(kind: LifecycleKind, entity: string, change: { from: string; to: string }, cause?: number): void {
    if (kind === 'team') onTeamChange(this, entity, change, cause);
    else if (kind === 'incident') onIncidentChange(this, entity, change, cause);
    else if (kind === 'post' && change.from !== change.to) checkInversion(this, cause);
  }

  /** Travel time between two places by road (minutes); Infinity when unreachable. */
  travelMinutes(from: string, to: string): number {
    if (from === to) return 0;
    const key = from < to ? `${from}|${to}` : `${to}|${from}`;
    let m = this.travelCache.get(key);
    if (m === undefined) {
      const roads = this.state.infra.roads;
      const r = shortestTravel(this.roads, this.placeNode(from), this.placeNode(to), (e) => (roads[e.id].blocked ? Infinity : roads[e.id].slowdown));
      m = r ? r.minutes : Infinity;
      this.travelCache.set(key, m);
    }
    return m;
  }

  /** Roads were blocked, slowed or cleared (by event `cause`): travel times must be worked out again, and a stranded team may go home. */
  roadsChanged(cause?: number): void {
    this.travelCache.clear();
    resumeStranded(this, cause);
  }

  /** A facility sits at a place; roads join places. */
  placeNode(id: string): string {
    const f = this.scenario.data.facilities.find((x) => x.id === id);
    return f ? f.place : id;
  }

  /** The seat and every seat above it. */
  chainOf(seat: string): string[] {
    const out: string[] = [];
    for (let s: string | undefined = seat; s; s = this.seats.get(s)?.parent) out.push(s);
    return out;
  }

  // ---------- timers ----------

  private fire(target: string, p: TimerPayload, timerSeq: number): void {
    switch (p.kind) {
      case 'lifecycle': {
        const lc = p.lc;
        if (lc === 'team' && this.state.teams[p.entity].lc.value === 'outOfService') return;
        this.lifecycle(lc, p.entity, p.event);
        return;
      }
      case 'release-start': startRelease(this, p.release); return;
      case 'detect': {
        const inc = own(this.state.incidents, p.incident);
        const to = p.to ?? this.scenario.data.releases.find((r) => r.id === p.incident)?.reportTo;
        if (!inc || !to) return;
        if (!inc.knownBy.includes(to)) inc.knownBy.push(to);
        this.lifecycle('incident', p.incident, { type: 'REPORT' });
        return;
      }
      case 'physics': physicsTick(this); return;
      case 'report-arrive': {
        const inc = p.incident ? own(this.state.incidents, p.incident) : undefined;
        if (inc && !inc.knownBy.includes(p.to)) inc.knownBy.push(p.to);
        this.emit('report.received', { from: p.from, to: p.to, incident: p.incident ?? null, kind: inc?.kind ?? null, text: p.text ?? null, incidentStatus: inc?.lc.value ?? null, grade: inc?.lc.context.grade ?? null }, { audience: [p.to, p.from], cause: p.cause });
        return;
      }
      case 'request-arrive':
        this.emit('resources.requested', { from: p.from, to: p.to, resource: p.resource, quantity: p.quantity, incident: p.incident ?? null }, { audience: [p.to, p.from], cause: p.cause });
        return;
      case 'inject': {
        const inj = this.scenario.data.injects.find((i) => i.id === p.inject);
        if (inj) this.emit('inject.delivered', { inject: inj.id, to: inj.to, from: inj.from ?? null, text: inj.text }, { audience: inj.to });
        return;
      }
      case 'plan-action': firePlanRule(this, p.rule, p.cause); return;
      case 'plan-staff': staffWaitingOrder(this, p.team); return;
      case 'isolate-done': {
        const team = own(this.state.teams, p.team);
        if (!team || team.isolating !== p.incident || team.lc.value !== 'onScene') return;
        team.isolating = undefined;
        let stopped = 0;
        for (const s of this.state.sources) if (s.incident === p.incident && s.stop === undefined && s.mode === 'continuous') { s.stop = this.state.t; stopped++; }
        this.emit('source.isolated', { incident: p.incident, team: p.team, sources: stopped }, { audience: this.incidentAudience(p.incident), cause: p.cause });
        maybeContain(this, p.incident);
        return;
      }
      case 'protection-effective': {
        const order = this.state.orders.find((o) => o.seq === p.order);
        if (!order) return;
        const code = order.mode === 'evacuate' ? 3 : order.mode === 'shelter' ? 2 : 0;
        const ex = this.state.exposure;
        let people = 0;
        for (const c of order.cells) {
          if (order.mode === 'lift') { if (ex.protection[c] !== 3) { ex.protection[c] = 0; ex.outdoorFrac[c] = 1; } continue; }
          if (ex.protection[c] === 3) continue; // evacuation is not undone by a later shelter order
          ex.protection[c] = code;
          ex.outdoorFrac[c] = code === 2 ? 0 : code === 3 ? 1 : ex.outdoorFrac[c];
          people += ex.peopleOut[c] + ex.peopleIn[c];
        }
        protectionChanged(ex);
        this.emit('protection.effective', { order: p.order, mode: order.mode, cells: order.cells.length, people }, { audience: [order.seat], cause: p.order });
        this.ensurePhysics();
        return;
      }
      case 'warning-effective': {
        const ex = this.state.exposure;
        const set = new Set(p.districts);
        const cells = this.scenario.world.grid.cells;
        for (let i = 0; i < cells.length; i++) {
          if (!set.has(cells[i].district) || ex.protection[i] !== 0) continue;
          // Warned people go indoors: half of those outdoors (a judgement, see docs/exposure.md).
          ex.outdoorFrac[i] = 0.5;
          ex.protection[i] = 1;
        }
        return;
      }
      case 'ignite': ignite(this, p.release, p.cause); return;
      case 'tank-failure': tankFailure(this, p.plant, p.tank, p.cause); return;
      case 'intake-arrival': intakeArrival(this, p.intake, p.concentrationMgL, p.cause); return;
      case 'cascade-resolve': resolveByTeam(this, p.incident, p.team); return;
      case 'hazard-tick': this.timed(() => (p.hazard === 'typhoon' ? typhoonTick(this) : quakeTick(this))); return;
      case 'mainshock': this.timed(() => mainshock(this)); return;
      case 'aftershock': this.timed(() => aftershock(this, p.index)); return;
      case 'end': this.end('duration'); return;
    }
    void target; void timerSeq;
  }

  /** Run a hazard step, counting its time as physics when a benchmark profiles the run. */
  private timed(step: () => void): void {
    if (!this.profile || !this.clock) return step();
    const t0 = this.clock();
    step();
    this.profile.physicsMs += this.clock() - t0;
    this.profile.physicsTicks++;
  }

  ensurePhysics(): void {
    if (this.state.physicsScheduled) return;
    this.state.physicsScheduled = true;
    this.at(this.scenario.data.physics.tick, 'engine', 'physics', { kind: 'physics' });
  }

  /** Seats that learn of what happens at an incident: those that know it, plus its field post. */
  incidentAudience(incident: string): string[] {
    const inc = own(this.state.incidents, incident);
    if (!inc) return [];
    return inc.fieldPost && !inc.knownBy.includes(inc.fieldPost) ? [...inc.knownBy, inc.fieldPost] : [...inc.knownBy];
  }
}

/** An incident is contained when none of its sources still release and nothing at it burns. */
export function maybeContain(ex: Exercise, incident: string): void {
  const inc = ex.state.incidents[incident];
  if (!inc) return;
  const live = ex.state.sources.some((s) => (s.incident === incident || ex.state.incidents[s.incident]?.parent === incident) && s.stop === undefined);
  if (live) return;
  if (inc.lc.value === 'responding') ex.lifecycle('incident', incident, { type: 'CONTAIN' });
  for (const [id, child] of Object.entries(ex.state.incidents)) {
    if (child.parent === incident && child.lc.value === 'responding') ex.lifecycle('incident', id, { type: 'CONTAIN' });
  }
}
