/**
 * Reporting up the chain (信息报送): every seat that learns of an incident owes its parent a
 * report within a time limit (the first receiver `firstWithinMin`, every level above
 * `eachLevelWithinMin`). A report counts when it arrives (`report.received`), as the regulation
 * counts it: the level above has it.
 */
import type { ScenarioData } from '../scenario/schema.ts';
import type { DomainEvent } from '../sim/events.ts';
import type { IncidentRow, MetricValue, ReportRow } from './types.ts';
import type { ScoringRules } from './rules.ts';
import { metric } from './metric.ts';
import { minutes, ref, str, strs, type Stream } from './stream.ts';

export function reportRows(s: Stream, data: ScenarioData, incidents: IncidentRow[], reported: Map<string, DomainEvent>, rules: ScoringRules): ReportRow[] {
  const parent = new Map(data.seats.map((x) => [x.id, x.parent]));
  const rows: ReportRow[] = [];
  for (const inc of incidents.filter((r) => !r.parent)) {
    const rep = reported.get(inc.id)!;
    // Who learned of it, when, and from which event.
    const learned = new Map<string, { t: number; e: DomainEvent; first: boolean }>();
    for (const seat of strs(rep.data.to)) learned.set(seat, { t: rep.t, e: rep, first: true });
    for (const e of s.of('report.received')) {
      if (e.data.incident !== inc.id) continue;
      const to = str(e.data.to);
      if (to && !learned.has(to)) learned.set(to, { t: e.t, e, first: false });
    }
    for (const [seat, l] of learned) {
      const to = parent.get(seat);
      if (!to) continue;
      const limit = l.first ? rules.reporting.firstWithinMin : rules.reporting.eachLevelWithinMin;
      const got = s.of('report.received').find((e) => e.data.from === seat && e.data.to === to && (e.data.incident === inc.id || e.data.incident === null) && e.t >= l.t);
      const delay = got ? minutes(got.t - l.t) : null;
      rows.push({
        incident: inc.id, seat, to, first: l.first, learnedAt: l.t, receivedAt: got?.t ?? null, delayMin: delay, requiredWithinMin: limit,
        status: delay === null ? 'missing' : delay <= limit ? 'on-time' : 'late',
        evidence: [ref(l.e, `${seat} learns of ${inc.id}`), ...(got ? [ref(got, `report from ${seat} reaches ${to}`)] : [])]
      });
    }
  }
  return rows.sort((a, b) => a.learnedAt - b.learnedAt || a.seat.localeCompare(b.seat));
}

/**
 * The first report (首报), one definition for the headline figure, the table, the rated task and
 * its finding: the row of the seat that first learned of the earliest-reported root incident
 * (its first receiver, the one `incident.reported` names), reporting to the tier above it. Its
 * delay runs from that seat learning of the incident to its report reaching the tier above.
 */
export function firstReport(rows: ReportRow[]): ReportRow | null {
  return rows.filter((r) => r.first).sort((a, b) => a.learnedAt - b.learnedAt || a.seat.localeCompare(b.seat))[0] ?? null;
}

export function reportMetrics(rows: ReportRow[]): MetricValue[] {
  const first = firstReport(rows);
  const ev = first?.evidence ?? [];
  const late = rows.filter((r) => r.status === 'late');
  const missing = rows.filter((r) => r.status === 'missing');
  const notOnTime = [...late, ...missing];
  return [
    metric('firstReportUpAt', first?.receivedAt ?? null, 'min', ev, first?.seat),
    metric('firstReportUpDelayMin', first?.delayMin ?? null, 'min', ev, first?.seat),
    metric('reportsRequired', rows.length, 'count', rows.flatMap((r) => r.evidence.slice(0, 1))),
    metric('reportsLate', late.length, 'count', late.flatMap((r) => r.evidence), late[0]?.seat),
    metric('reportsMissing', missing.length, 'count', missing.flatMap((r) => r.evidence), missing[0]?.seat),
    metric('reportsNotOnTime', notOnTime.length, 'count', (notOnTime.length ? notOnTime : rows).flatMap((r) => r.evidence), notOnTime[0]?.seat)
  ];
}
