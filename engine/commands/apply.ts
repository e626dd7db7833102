/**
 * The fixed pipeline every order goes through, live or on autopilot:
 * shape (zod) → seat → exercise running → right to give this command → feasibility → log → apply.
 * A refused order is an event with a reason; the exercise goes on.
 */
import { CommandBody, type CommandBody as Cmd } from '../scenario/schema.ts';
import { formatPath } from '../scenario/errors.ts';
import type { Exercise } from '../sim/exercise.ts';
import { FACILITATOR, FACILITATOR_ONLY, areaLimit, commandsTeam, mayOrder } from './authority.ts';
import { levelRank, type ResponseLevel } from '../machines/commandPost.ts';
import { cellsForArea } from '../sim/chemical.ts';
import { teamAudience } from '../sim/lifecycles.ts';
import { liveExpectations, scriptedExpectations } from '../scenario/expectations.ts';
import { own } from '../util/own.ts';

export type CommandResult = { ok: true; seq: number } | { ok: false; reason: string; seq?: number };

export interface CommandSource {
  /** 'plan' when the autopilot gives it: recorded on the events, not in the log. */
  via?: 'plan';
  rule?: string;
}

class Refusal extends Error {}
const refuse = (reason: string): never => {
  throw new Refusal(reason);
};

export function applyCommand(ex: Exercise, seat: string, given: unknown, source: CommandSource = {}): CommandResult {
  // The log holds JSON, where a missing command is null: check the same value live and in replay.
  const raw = given === undefined ? null : given;
  // Log first, refused or not: a refusal is an event of the stream, and replay must reproduce it.
  if (!source.via) ex.logCommand(seat, raw as Cmd);
  const parsed = CommandBody.safeParse(raw);
  const seatOk = seat === FACILITATOR || ex.seats.has(seat);
  const type = (raw as { type?: unknown } | null)?.type;
  const audience = seat === FACILITATOR ? 'facilitator' : [seat];
  if (!parsed.success || !seatOk) {
    const reason = !seatOk
      ? `unknown seat "${seat}"`
      : parsed.error!.issues.map((i) => `${formatPath(i.path) || 'command'}: ${i.message}`).join('; ');
    const e = ex.emit('command.refused', { seat, type: typeof type === 'string' ? type : null, reason, ...source }, { audience });
    return { ok: false, reason, seq: e.seq };
  }
  const cmd = parsed.data;
  try {
    check(ex, seat, cmd);
  } catch (e) {
    if (!(e instanceof Refusal)) throw e;
    const ev = ex.emit('command.refused', { seat, type: cmd.type, command: cmd, reason: e.message, ...source }, { audience });
    return { ok: false, reason: e.message, seq: ev.seq };
  }
  const accepted = ex.emit('command.accepted', { seat, type: cmd.type, command: cmd, ...source }, { audience });
  perform(ex, seat, cmd, accepted.seq);
  return { ok: true, seq: accepted.seq };
}

function check(ex: Exercise, seat: string, cmd: Cmd): void {
  const status = ex.status;
  // A judgement is part of the debrief: it may come after the end.
  if (status === 'ended' && cmd.type !== 'judge') refuse('the exercise has ended');
  if (status === 'setup' && seat !== FACILITATOR) refuse('the exercise has not started');
  if (seat === FACILITATOR) {
    if (!FACILITATOR_ONLY.includes(cmd.type)) refuse(`the facilitator directs the exercise and does not give "${cmd.type}" orders; a seat does`);
  } else {
    if (FACILITATOR_ONLY.includes(cmd.type)) refuse(`only the facilitator may "${cmd.type}"`);
    if (status === 'paused') refuse('the exercise is paused');
    const def = ex.seats.get(seat)!;
    if (!mayOrder(def).includes(cmd.type)) refuse(`seat "${seat}" (${def.tier}) may not give "${cmd.type}" orders`);
    if (def.tier === 'field' && !Object.values(ex.state.activeFieldPosts).includes(seat))
      refuse(`the field command post "${seat}" has not been set up yet`);
  }
  const d = ex.scenario.data;
  const incidentOf = (id: string) => own(ex.state.incidents, id);
  const knows = (incident: string) => incidentOf(incident)?.knownBy.includes(seat) || incidentOf(incident)?.fieldPost === seat;
  switch (cmd.type) {
    case 'dispatch': {
      if (!d.teams.some((t) => t.id === cmd.team)) refuse(`unknown team "${cmd.team}"`);
      if (!commandsTeam(ex, seat, cmd.team)) refuse(`seat "${seat}" does not command team "${cmd.team}"`);
      const st = ex.state.teams[cmd.team].lc.value;
      if (!['available', 'resting', 'returning', 'onScene', 'enRoute', 'mobilizing'].includes(st)) refuse(`team "${cmd.team}" is ${st}`);
      if (st === 'resting') refuse(`team "${cmd.team}" is resting after a deployment`);
      if (!cmd.incident && !cmd.place) refuse('a dispatch needs an incident or a place');
      if (cmd.incident) {
        if (!incidentOf(cmd.incident)) refuse(`no incident "${cmd.incident}" is under way`);
        if (!knows(cmd.incident)) refuse(`seat "${seat}" has no report of incident "${cmd.incident}"`);
      }
      const place = cmd.incident ? incidentOf(cmd.incident)!.place : cmd.place!;
      if (!ex.scenario.world.points.has(place)) refuse(`unknown place "${place}"`);
      if (!Number.isFinite(ex.travelMinutes(ex.state.teams[cmd.team].location, place))) refuse(`no road from ${ex.state.teams[cmd.team].location} to ${place}`);
      break;
    }
    case 'recall': {
      if (!commandsTeam(ex, seat, cmd.team)) refuse(`seat "${seat}" does not command team "${cmd.team}"`);
      const st = ex.state.teams[cmd.team].lc.value;
      if (!['mobilizing', 'enRoute', 'onScene'].includes(st)) refuse(`team "${cmd.team}" is ${st}; only a deployed team can be recalled`);
      break;
    }
    case 'issue-warning': {
      const limit = areaLimit(ex.seats.get(seat)!);
      if (limit) for (const dist of cmd.districts) if (dist !== limit) refuse(`seat "${seat}" may warn only its own district ${limit}, not ${dist}`);
      const known = new Set(ex.scenario.world.districts.map((x) => x.id));
      for (const dist of cmd.districts) if (!known.has(dist)) refuse(`unknown district "${dist}"`);
      break;
    }
    case 'set-response-level': {
      const def = ex.seats.get(seat)!;
      const current = ex.state.posts[seat].value as ResponseLevel;
      if (cmd.level === current) refuse(`seat "${seat}" is already at level ${current}`);
      const lowering = levelRank(cmd.level) < levelRank(current);
      if (!lowering && !def.mayDeclare.includes(cmd.level)) refuse(`seat "${seat}" may not declare level ${cmd.level}; it may declare ${def.mayDeclare.join(', ') || 'no level'}`);
      if (cmd.incident && !incidentOf(cmd.incident)) refuse(`no incident "${cmd.incident}" is under way`);
      break;
    }
    case 'order-protection': {
      if ('around' in cmd.area && !ex.scenario.world.points.has(cmd.area.around) && !incidentOf(cmd.area.around)) refuse(`unknown place or incident "${cmd.area.around}"`);
      if ('districts' in cmd.area) {
        const limit = areaLimit(ex.seats.get(seat)!);
        if (limit) for (const dist of cmd.area.districts) if (dist !== limit) refuse(`seat "${seat}" may order protection only in its own district ${limit}, not ${dist}`);
      }
      const cells = cellsForArea(ex, cmd.area, areaLimit(ex.seats.get(seat)!));
      if (cells.length === 0) refuse('the area holds no populated cells of the map grid');
      break;
    }
    case 'request-resources':
      if (!ex.seats.get(seat)!.parent) refuse(`seat "${seat}" has no tier above to ask`);
      if (cmd.incident && !incidentOf(cmd.incident)) refuse(`no incident "${cmd.incident}" is under way`);
      break;
    case 'setup-field-post': {
      const inc = incidentOf(cmd.incident);
      if (!inc) return refuse(`no incident "${cmd.incident}" is under way`);
      if (!knows(cmd.incident)) refuse(`seat "${seat}" has no report of incident "${cmd.incident}"`);
      if (inc.fieldPost) refuse(`incident "${cmd.incident}" already has a field command post (${inc.fieldPost})`);
      const free = d.seats.find((s) => s.tier === 'field' && s.parent === seat && !Object.values(ex.state.activeFieldPosts).includes(s.id));
      if (!free) refuse(`seat "${seat}" has no field command post seat under it to set up`);
      break;
    }
    case 'isolate-source': {
      const inc = incidentOf(cmd.incident);
      if (!inc) refuse(`no incident "${cmd.incident}" is under way`);
      if (!commandsTeam(ex, seat, cmd.team)) refuse(`seat "${seat}" does not command team "${cmd.team}"`);
      const team = d.teams.find((t) => t.id === cmd.team)!;
      if (!team.capabilities.includes('isolate-leak')) refuse(`team "${cmd.team}" cannot isolate a leak (it has ${team.capabilities.join(', ')})`);
      const st = ex.state.teams[cmd.team];
      if (st.lc.value !== 'onScene' || st.assignment?.incident !== cmd.incident) refuse(`team "${cmd.team}" is not on scene at incident "${cmd.incident}"`);
      if (st.isolating) refuse(`team "${cmd.team}" is already isolating the source`);
      if (!ex.state.sources.some((s) => s.incident === cmd.incident && s.stop === undefined && s.mode === 'continuous')) refuse(`incident "${cmd.incident}" has no active release to isolate`);
      break;
    }
    case 'report-up': {
      const def = ex.seats.get(seat)!;
      if (!def.parent) refuse(`seat "${seat}" is the top of the command structure; there is no one to report to`);
      if (cmd.incident && !knows(cmd.incident)) refuse(`seat "${seat}" has no report of incident "${cmd.incident}" to pass on`);
      break;
    }
    case 'fire-inject': {
      const inj = d.injects.find((i) => i.id === cmd.inject);
      if (!inj) refuse(`unknown inject "${cmd.inject}"`);
      break;
    }
    case 'free-inject':
      for (const s of cmd.to) if (!ex.seats.has(s)) refuse(`unknown seat "${s}"`);
      for (const e of cmd.expect ?? []) if (!ex.seats.has(e.seat)) refuse(`expectation for unknown seat "${e.seat}"`);
      break;
    case 'judge': {
      const known = scriptedExpectations(d).some((e) => e.id === cmd.expectation) ||
        ex.events.some((e) => e.type === 'inject.delivered' && Array.isArray(e.data.expect) && (e.data.expect as { id: string }[]).some((x) => x.id === cmd.expectation));
      if (!known) refuse(`no expectation "${cmd.expectation}" in the scenario's injects or the injects given so far`);
      break;
    }
    case 'pause':
      if (status !== 'running') refuse(`the exercise is ${status}, not running`);
      break;
    case 'resume':
      if (status !== 'paused') refuse(`the exercise is ${status}, not paused`);
      break;
    case 'end':
      break;
  }
}

function perform(ex: Exercise, seat: string, cmd: Cmd, cause: number): void {
  const d = ex.scenario.data;
  const t = ex.state.t;
  switch (cmd.type) {
    case 'dispatch': {
      const st = ex.state.teams[cmd.team];
      const def = d.teams.find((x) => x.id === cmd.team)!;
      const place = cmd.incident ? ex.state.incidents[cmd.incident].place : cmd.place!;
      const travelMin = ex.travelMinutes(st.location, place);
      const returnMin = ex.travelMinutes(place, def.base);
      const prevInc = st.assignment?.incident;
      if (prevInc && prevInc !== cmd.incident) {
        const p = ex.state.incidents[prevInc];
        if (p) p.onScene = p.onScene.filter((x) => x !== cmd.team);
      }
      st.assignment = { incident: cmd.incident, place };
      const value = st.lc.value;
      const type = value === 'available' || value === 'returning' ? 'DISPATCH' : 'REDIRECT';
      ex.lifecycle('team', cmd.team, { type, travelMin, returnMin }, cause);
      if (cmd.incident && ['unknown', 'reported', 'verified'].includes(ex.state.incidents[cmd.incident].lc.value)) {
        ex.lifecycle('incident', cmd.incident, { type: 'RESPOND' }, cause);
      }
      break;
    }
    case 'recall':
      ex.lifecycle('team', cmd.team, { type: 'RECALL' }, cause);
      break;
    case 'issue-warning': {
      for (const dist of cmd.districts) ex.state.warnings[dist] = cmd.colour;
      const seats = d.seats.filter((s) => s.district && cmd.districts.includes(s.district)).map((s) => s.id);
      ex.emit('warning.issued', { seat, districts: cmd.districts, colour: cmd.colour, message: cmd.message ?? null }, { audience: [...new Set([seat, ...seats])], cause });
      ex.at(d.protective.reactionTime, 'engine', `warning:${cause}`, { kind: 'warning-effective', districts: cmd.districts, cause });
      break;
    }
    case 'set-response-level': {
      const from = ex.state.posts[seat].value;
      ex.emit('response.level', { seat, from, to: cmd.level, incident: cmd.incident ?? null }, { audience: 'all', cause });
      ex.lifecycle('post', seat, { type: 'SET_LEVEL', level: cmd.level }, cause);
      break;
    }
    case 'order-protection': {
      const cells = cellsForArea(ex, cmd.area, areaLimit(ex.seats.get(seat) ?? { tier: 'city' } as never));
      const people = cells.reduce((s, c) => s + ex.scenario.world.grid.cells[c].population, 0);
      ex.state.orders.push({ seq: cause, seat, mode: cmd.mode, cells });
      const districts = [...new Set(cells.map((c) => ex.scenario.world.grid.cells[c].district))];
      ex.emit('protection.ordered', { seat, mode: cmd.mode, cells: cells.length, people, districts }, { audience: [seat], cause });
      ex.at(d.protective.reactionTime, 'engine', `protect:${cause}`, { kind: 'protection-effective', order: cause });
      break;
    }
    case 'request-resources': {
      const parent = ex.seats.get(seat)!.parent!;
      ex.at(ex.seats.get(seat)!.reportDelay, 'engine', `request:${cause}`, { kind: 'request-arrive', from: seat, to: parent, resource: cmd.resource, quantity: cmd.quantity, incident: cmd.incident, cause });
      break;
    }
    case 'setup-field-post': {
      const post = d.seats.find((s) => s.tier === 'field' && s.parent === seat && !Object.values(ex.state.activeFieldPosts).includes(s.id))!;
      ex.state.activeFieldPosts[cmd.incident] = post.id;
      const inc = ex.state.incidents[cmd.incident];
      inc.fieldPost = post.id;
      if (!inc.knownBy.includes(post.id)) inc.knownBy.push(post.id);
      ex.emit('field-post.established', { seat, post: post.id, incident: cmd.incident, place: inc.place }, { audience: [...new Set([seat, post.id, ...inc.knownBy])], cause });
      break;
    }
    case 'isolate-source': {
      const st = ex.state.teams[cmd.team];
      st.isolating = cmd.incident;
      // Work time to close a valve or plug a hole in full protective gear: 30 min median, lognormal spread.
      const minutes = Math.max(10, 30 * Math.exp(ex.rng.normal(`team/${cmd.team}/isolate`, 0, 0.4)));
      ex.emit('source.isolating', { team: cmd.team, incident: cmd.incident, expectedMin: Math.round(minutes) }, { audience: teamAudience(ex, cmd.team), cause });
      ex.at(minutes, `team:${cmd.team}`, `isolate:${cause}`, { kind: 'isolate-done', incident: cmd.incident, team: cmd.team, cause });
      break;
    }
    case 'report-up': {
      const def = ex.seats.get(seat)!;
      ex.at(def.reportDelay, 'engine', `report:${cause}`, { kind: 'report-arrive', from: seat, to: def.parent!, incident: cmd.incident, text: cmd.text, cause });
      break;
    }
    case 'fire-inject': {
      const inj = d.injects.find((i) => i.id === cmd.inject)!;
      ex.emit('inject.delivered', { inject: inj.id, to: inj.to, from: inj.from ?? null, text: inj.text, manual: true }, { audience: inj.to, cause });
      break;
    }
    case 'free-inject': {
      const expect = liveExpectations(cmd.expect, cause).map(({ inject: _i, ...e }) => e);
      ex.emit('inject.delivered', { inject: cmd.id ?? null, to: cmd.to, from: cmd.from ?? null, text: cmd.text, manual: true, ...(expect.length ? { expect } : {}) }, { audience: cmd.to, cause });
      break;
    }
    case 'judge':
      ex.emit('expectation.judged', { expectation: cmd.expectation, verdict: cmd.verdict, reason: cmd.reason }, { audience: 'facilitator', cause });
      break;
    case 'pause':
      ex.lifecycle('exercise', 'exercise', { type: 'PAUSE' }, cause);
      ex.emit('exercise.paused', {}, { audience: 'all', cause });
      break;
    case 'resume':
      ex.lifecycle('exercise', 'exercise', { type: 'RESUME' }, cause);
      ex.emit('exercise.resumed', {}, { audience: 'all', cause });
      break;
    case 'end':
      ex.end('facilitator');
      break;
  }
  void t;
}
