/**
 * What the engine does when a lifecycle changes state: move teams, put them on scene, verify and
 * close incidents, and tell the seats that should know. Machines say *that* a team arrived; this
 * says what arriving means.
 */
import type { Exercise } from './exercise.ts';
import { onTeamOnScene } from '../cascade/run.ts';

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
      ex.emit('team.returning', { team: id, to: def.base, etaMin: ctx.returnMin }, { audience, cause });
      st.assignment = undefined;
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
