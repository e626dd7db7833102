/**
 * Every event type the engine emits, with the fields of its `data`. A plan rule or an
 * expectation that waits for anything else would wait forever, so the loader warns about it.
 * A test runs the bundled scenarios and fails when the engine emits a type or a field missing here:
 * add it here when you add an `ex.emit`.
 */
export const EVENT_FIELDS: Readonly<Record<string, readonly string[]>> = {
  'exercise.started': ['scenario', 'seed', 'plan', 'duration'],
  'exercise.paused': [],
  'exercise.resumed': [],
  'exercise.ended': ['reason', 'totals'],
  'command.accepted': ['seat', 'type', 'command', 'via', 'rule'],
  'command.refused': ['seat', 'type', 'command', 'reason', 'via', 'rule'],
  'plan.rule-triggered': ['rule', 'by', 'dueAt', 'deadline'],
  'plan.rule-unstaffed': ['rule', 'by', 'teams', 'incident', 'waitUntil'],
  'inject.delivered': ['inject', 'to', 'from', 'text', 'manual', 'expect'],
  'expectation.judged': ['expectation', 'verdict', 'reason'],
  'report.received': ['from', 'to', 'incident', 'kind', 'text', 'incidentStatus', 'grade'],
  'resources.requested': ['from', 'to', 'resource', 'quantity', 'incident'],
  'incident.reported': ['incident', 'kind', 'place', 'district', 'name', 'grade', 'to'],
  'incident.verified': ['incident', 'kind', 'place', 'district', 'name', 'grade'],
  'incident.responding': ['incident', 'kind', 'place', 'district', 'name', 'grade'],
  'incident.contained': ['incident', 'kind', 'place', 'district', 'name', 'grade'],
  'incident.closed': ['incident', 'kind', 'place', 'district', 'name', 'grade'],
  'incident.escalated': ['incident', 'from', 'to', 'deaths', 'seriouslyInjured'],
  'incident.resolved': ['incident', 'kind', 'by'],
  'team.mobilizing': ['team', 'to', 'incident'],
  'team.en-route': ['team', 'from', 'to', 'incident', 'etaMin'],
  'team.arrived': ['team', 'place', 'incident', 'size'],
  'team.returning': ['team', 'to', 'etaMin'],
  'team.resting': ['team', 'at'],
  'team.available': ['team', 'at'],
  'team.casualty': ['team'],
  'warning.issued': ['seat', 'districts', 'colour', 'message'],
  'response.level': ['seat', 'from', 'to', 'incident'],
  'response.inversion': ['findings'],
  'response.inversion-resolved': [],
  'protection.ordered': ['seat', 'mode', 'cells', 'people', 'districts'],
  'protection.effective': ['order', 'mode', 'cells', 'people'],
  'field-post.established': ['seat', 'post', 'incident', 'place'],
  'source.isolating': ['team', 'incident', 'expectedMin'],
  'source.isolated': ['incident', 'team', 'sources'],
  'hazard.release-started': ['release', 'plant', 'tank', 'substance', 'mode'],
  'hazard.source': ['source', 'incident', 'tank', 'substance', 'mode', 'rateKgS', 'massKg', 'airborneFraction'],
  'hazard.source-exhausted': ['source', 'tank'],
  'hazard.plume': ['windSpeed', 'windFrom', 'stability', 'sources', 'reachM'],
  'hazard.runoff': ['source', 'river', 'intake', 'pollutantKg', 'burnMin', 'flowM3s', 'concentrationMgL', 'arrivalMin', 'limitMgL'],
  'hazard.typhoon-track': ['name', 'shiftKm', 'delayMin', 'rainMultiplier'],
  'hazard.typhoon': ['storm', 'waterDepthM', 'riverStageM'],
  'hazard.signal': ['district', 'colour', 'previous', 'rank'],
  'hazard.quake': ['name', 'magnitude', 'epicentre', 'depthKm', 'intensity', 'degrees'],
  'hazard.aftershock': ['index', 'magnitude'],
  'hazard.field': ['kind', 'unit', 'byDistrict', 'aftershock'],
  'exposure.aegl': ['district', 'level', 'people', 'substance'],
  'casualties.estimate': ['deaths', 'deathsExpected', 'aegl1', 'aegl2', 'aegl3', 'evacuated', 'source', 'injured', 'trapped'],
  'rescue.progress': ['incident', 'district', 'rescued', 'died', 'remaining', 'teamMembers'],
  'cascade.triggered': ['rule', 'name', 'target', 'entity', 'parent', 'child', 'effects', 'source', 'tank', 'outcome', 'intake', 'concentrationMgL', 'servesPopulation'],
  'cascade.prevented': ['rule', 'entity', 'target', 'reason', 'parent', 'source', 'tank', 'plant', 'by'],
  'cascade.threat': ['rule', 'tank', 'plant', 'fluxKwM2', 'timeToFailureMin'],
  'cascade.blast': ['explosion', 'tank', 'distanceM', 'overpressureKPa', 'damageProbability', 'damaged'],
  'facility.status': ['facility', 'from', 'to', 'incident'],
  'road.changed': ['road', 'blocked', 'slowdown', 'incident']
};

export const EVENT_TYPES: readonly string[] = Object.keys(EVENT_FIELDS);

export function isEventType(type: string): boolean {
  return Object.prototype.hasOwnProperty.call(EVENT_FIELDS, type);
}

/**
 * Events an order may bring about at the moment it is given (or after its seat's report delay,
 * for report-up and request-resources), besides the plan's own `command.accepted`/`refused`,
 * `plan.rule-triggered` and `plan.rule-unstaffed`. A plan rule that fires on every such event
 * and gives the order again loops; the loader looks for those loops with this table. It may
 * list more than happens (a superset is safe), never less.
 */
export const ORDER_EVENTS: Readonly<Record<string, readonly string[]>> = {
  dispatch: ['team.mobilizing', 'team.en-route', 'team.arrived', 'team.returning', 'team.available', 'incident.responding', 'incident.verified'],
  recall: ['team.returning', 'team.resting', 'team.available'],
  'issue-warning': ['warning.issued'],
  'set-response-level': ['response.level', 'response.inversion', 'response.inversion-resolved'],
  'order-protection': ['protection.ordered'],
  'request-resources': ['resources.requested'],
  'setup-field-post': ['field-post.established'],
  'isolate-source': ['source.isolating'],
  'report-up': ['report.received'],
  'fire-inject': ['inject.delivered'],
  'free-inject': ['inject.delivered'],
  judge: ['expectation.judged'],
  pause: ['exercise.paused'],
  resume: ['exercise.resumed'],
  end: ['exercise.ended']
};

/** Emitted for every order a plan gives, whatever the order. */
export const PLAN_ORDER_EVENTS: readonly string[] = ['command.accepted', 'command.refused', 'plan.rule-triggered', 'plan.rule-unstaffed'];
