/**
 * Incident lifecycle: unknown → reported → verified → responding → contained → closed.
 * Severity (grade IV…I, by consequence) escalates on ESCALATE; nothing here is timed except
 * verification, which a field report or the first team on scene does.
 */
import { assign, setup } from 'xstate';

export type Grade = 'IV' | 'III' | 'II' | 'I';
export const GRADES: Grade[] = ['IV', 'III', 'II', 'I'];

export interface IncidentContext {
  grade: Grade;
}

export type IncidentEvent =
  | { type: 'REPORT' }
  | { type: 'VERIFY' }
  | { type: 'RESPOND' }
  | { type: 'CONTAIN' }
  | { type: 'CLOSE' }
  | { type: 'ESCALATE'; grade: Grade };

export const incidentMachine = setup({
  types: {} as { context: IncidentContext; events: IncidentEvent; input: { grade: Grade } },
  guards: {
    isWorse: ({ context, event }) => event.type === 'ESCALATE' && GRADES.indexOf(event.grade) > GRADES.indexOf(context.grade)
  },
  actions: {
    setGrade: assign(({ event, context }) => ({ grade: event.type === 'ESCALATE' ? event.grade : context.grade }))
  }
}).createMachine({
  id: 'incident',
  context: ({ input }) => ({ grade: input.grade }),
  initial: 'unknown',
  on: { ESCALATE: { guard: 'isWorse', actions: 'setGrade' } },
  states: {
    unknown: { on: { REPORT: 'reported', RESPOND: 'responding' } },
    reported: { on: { VERIFY: 'verified', RESPOND: 'responding' } },
    verified: { on: { RESPOND: 'responding' } },
    responding: { on: { CONTAIN: 'contained' } },
    contained: { on: { CLOSE: 'closed' } },
    closed: { type: 'final' }
  }
});

export type IncidentStatus = 'unknown' | 'reported' | 'verified' | 'responding' | 'contained' | 'closed';
