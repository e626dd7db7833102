/**
 * What the engine does when a lifecycle changes state: move teams, put them on scene, verify and
 * close incidents, and tell the seats that should know. Machines say *that* a team arrived; this
 * says what arriving means.
 */
import type { Exercise } from './exercise.ts';
import { onTeamOnScene } from '../cascade/run.ts';
import { round } from './events.ts';

export function teamAudience(ex: Exercise, teamId: string): string[] {
  const team = ex.scenario.data.teams.find((t) => t.id === teamId)!;
  const out = ex.chainOf(team.owner);
  const inc = ex.state.teams[teamId].assignment?.incident;
  const post = inc ? ex.state.incidents[inc]?.fieldPost : undefined;
  if (post && !out.includes(post)) out.push(post);
  return out;
}

export function onTeamChange(ex: Exercise, id: string, change: { from: string; to: string }, cause?: number): void {
  const st = ex.state.teams[id];
  const def = ex.scenario.data.teams.find((t) => t.id === id)!;
  const audience = teamAudience(ex, id);
  const ctx = st.lc.context as { travelMin: number; returnMin: number };
  const inc = st.assignment?.incident;
  if (st.stranded && change.to !== 'returning') delete st.stranded; // sent elsewhere, or out of service
  switch (change.to) {
    case 'mobilizing':
      ex.emit('team.mobilizing', { team: id, to: st.assignment?.place ?? null, incident: inc ?? null }, { audience, cause });
      break;
    case 'enRoute':
      ex.emit('team.en-route', { team: id, from: st.location, to: st.assignment?.place ?? null, incident: inc ?? null, etaMin: ctx.travelMin }, { audience, cause });
      break;
    case 'onScene': {
      const place = st.assignment?.place ?? st.location;
      st.location = place;
      ex.emit('team.arrived', { team: id, place, incident: inc ?? null, size: def.size }, { audience, cause });
      if (inc) {
        const i = ex.state.incidents[inc];
        if (i && !i.onScene.includes(id)) i.onScene.push(id);
        if (i && i.lc.value === 'reported') ex.lifecycle('incident', inc, { type: 'VERIFY' });
        if (i) onTeamOnScene(ex, inc, id);
      } else {
        // Sent to a place: the team works the open incidents there (a repair crew at a flooded substation).
        for (const [iid, i] of Object.entries(ex.state.incidents)) {
          if (i.place !== place || ['contained', 'closed'].includes(i.lc.value) || i.onScene.includes(id)) continue;
          i.onScene.push(id);
          onTeamOnScene(ex, iid, id);
        }
      }
      break;
    }
    case 'returning': {
      if (inc) {
        const i = ex.state.incidents[inc];
        if (i) i.onScene = i.onScene.filter((t) => t !== id);
      }
      st.isolating = undefined;
      ex.emit('team.returning', { team: id, to: def.base, etaMin: Number.isFinite(ctx.returnMin) ? ctx.returnMin : null }, { audience, cause });
      st.assignment = undefined;
      if (st.stranded) {
        ex.emit('team.stranded', {
          team: id, at: st.location, to: def.base,
          message: { zh: `${def.name.zh}返回${placeName(ex, def.base).zh}的道路不通，原地等待道路恢复`, en: `${def.name.en}: no road back to ${placeName(ex, def.base).en}; waits where it is until a road opens` }
        }, { audience, cause });
      }
      break;
    }
    case 'resting':
      st.location = def.base;
      ex.emit('team.resting', { team: id, at: def.base }, { audience, cause });
      break;
    case 'available':
      if (change.from === 'mobilizing') st.assignment = undefined;
      ex.emit('team.available', { team: id, at: st.location }, { audience, cause });
      break;
    case 'outOfService':
      ex.emit('team.casualty', { team: id }, { audience, cause });
      break;
  }
}

/** A place's or facility's name for a message (its id when it has none). */
function placeName(ex: Exercise, id: string): { zh: string; en: string } {
  const d = ex.scenario.data;
  return d.places.find((p) => p.id === id)?.name ?? d.facilities.find((f) => f.id === id)?.name ?? { zh: id, en: id };
}

/** Roads changed: each stranded team with a road home again sets off, in scenario order. */
export function resumeStranded(ex: Exercise, cause?: number): void {
  for (const def of ex.scenario.data.teams) {
    const st = ex.state.teams[def.id];
    if (!st.stranded || st.lc.value !== 'returning') continue;
    const minutes = ex.travelMinutes(st.location, def.base);
    if (!Number.isFinite(minutes)) continue;
    const { id, event } = st.stranded;
    delete st.stranded;
    ex.at(minutes, `team:${def.id}`, id, { kind: 'lifecycle', lc: 'team', entity: def.id, event });
    ex.emit('team.return-resumed', {
      team: def.id, from: st.location, to: def.base, etaMin: round(minutes),
      message: { zh: `道路恢复，${def.name.zh}返回${placeName(ex, def.base).zh}`, en: `A road is open again: ${def.name.en} heads back to ${placeName(ex, def.base).en}` }
    }, { audience: teamAudience(ex, def.id), ...(cause !== undefined ? { cause } : {}) });
  }
}

export function onIncidentChange(ex: Exercise, id: string, change: { from: string; to: string }, cause?: number): void {
  const inc = ex.state.incidents[id];
  const audience = ex.incidentAudience(id);
  const base = { incident: id, kind: inc.kind, place: inc.place, district: inc.district, name: inc.name, grade: inc.lc.context.grade };
  switch (change.to) {
    case 'reported':
      ex.emit('incident.reported', { ...base, to: inc.knownBy }, { audience, cause: cause ?? inc.cause });
      break;
    case 'verified':
      ex.emit('incident.verified', base, { audience, cause });
      break;
    case 'responding':
      ex.emit('incident.responding', base, { audience, cause });
      break;
    case 'contained':
      ex.emit('incident.contained', base, { audience, cause });
      // Teams stand by for an hour after containment, then the incident closes and they go home.
      ex.at(60, `incident:${id}`, 'close', { kind: 'lifecycle', lc: 'incident', entity: id, event: { type: 'CLOSE' } });
      break;
    case 'closed':
      ex.emit('incident.closed', base, { audience, cause });
      for (const t of [...inc.onScene]) if (ex.state.teams[t].lc.value === 'onScene') ex.lifecycle('team', t, { type: 'RELEASE' });
      break;
  }
}
