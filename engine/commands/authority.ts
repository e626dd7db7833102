/**
 * Who may order what. Rights sit here beside the rules that use them: the command types a seat
 * may give (its tier's defaults or the scenario's list), which teams it commands (its own and
 * those of the seats below it; a field post also commands every team at its incident), the
 * response levels it may declare, and the areas it may order about (a district or township seat:
 * its own district only).
 */
import type { CommandType, ScenarioSeat } from '../scenario/schema.ts';
import type { Exercise } from '../sim/exercise.ts';
import { levelRank, type ResponseLevel } from '../machines/commandPost.ts';
import { own } from '../util/own.ts';

export const FACILITATOR = 'facilitator';
export const FACILITATOR_ONLY: CommandType[] = ['fire-inject', 'free-inject', 'judge', 'pause', 'resume', 'end'];

const DEFAULTS: Record<ScenarioSeat['tier'], CommandType[]> = {
  city: ['dispatch', 'recall', 'issue-warning', 'set-response-level', 'order-protection', 'request-resources', 'setup-field-post', 'report-up'],
  'special-hq': ['dispatch', 'recall', 'issue-warning', 'set-response-level', 'order-protection', 'request-resources', 'setup-field-post', 'report-up'],
  field: ['dispatch', 'recall', 'isolate-source', 'order-protection', 'request-resources', 'report-up'],
  district: ['dispatch', 'recall', 'issue-warning', 'set-response-level', 'order-protection', 'request-resources', 'setup-field-post', 'isolate-source', 'report-up'],
  township: ['dispatch', 'recall', 'order-protection', 'request-resources', 'report-up']
};

export function mayOrder(seat: ScenarioSeat): CommandType[] {
  return (seat.mayOrder as CommandType[] | undefined) ?? DEFAULTS[seat.tier];
}

/** Does `seat` command `team`? */
export function commandsTeam(ex: Exercise, seat: string, teamId: string): boolean {
  const team = ex.scenario.data.teams.find((t) => t.id === teamId);
  if (!team) return false;
  if (ex.chainOf(team.owner).includes(seat)) return true;
  const inc = own(ex.state.teams, teamId)?.assignment?.incident;
  return !!inc && own(ex.state.incidents, inc)?.fieldPost === seat;
}

/** The district a seat's area orders are limited to, or null when it may order anywhere. */
export function areaLimit(seat: ScenarioSeat): string | null {
  return seat.tier === 'district' || seat.tier === 'township' ? seat.district ?? null : null;
}

/**
 * Response inversion (响应倒挂): a higher tier running a higher level than the district where an
 * incident is, or a higher tier responding while that district does not. Emits an event when it
 * starts and when it ends.
 */
export function checkInversion(ex: Exercise, cause?: number): void {
  const d = ex.scenario.data;
  const findings: { incident: string; district: string; local: string; higher: string; higherLevel: string; localLevel: string }[] = [];
  for (const [id, inc] of Object.entries(ex.state.incidents)) {
    if (inc.parent) continue;
    const local = d.seats.find((s) => s.tier === 'district' && s.district === inc.district);
    if (!local) continue;
    const localLevel = ex.state.posts[local.id].value as ResponseLevel;
    for (const s of ex.chainOf(local.id).slice(1)) {
      const lvl = ex.state.posts[s].value as ResponseLevel;
      if (levelRank(lvl) > levelRank(localLevel)) findings.push({ incident: id, district: inc.district, local: local.id, higher: s, higherLevel: lvl, localLevel });
    }
  }
  const now = findings.length > 0;
  if (now && !ex.state.inversion) ex.emit('response.inversion', { findings }, { audience: 'facilitator', cause });
  if (!now && ex.state.inversion) ex.emit('response.inversion-resolved', {}, { audience: 'facilitator', cause });
  ex.state.inversion = now;
}
