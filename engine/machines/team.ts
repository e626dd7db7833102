/**
 * Team lifecycle: available → mobilizing → enRoute → onScene → returning → resting → available.
 * Delays count sim-minutes and come from context (set by the DISPATCH event), so the engine's
 * scheduler, not XState's, holds them (see machines/xstateLayer.ts).
 */
import { assign, setup } from 'xstate';

export interface TeamContext {
  mobilizeMin: number;
  travelMin: number;
  returnMin: number;
  restMin: number;
}

export type TeamEvent =
  | { type: 'DISPATCH'; travelMin: number; returnMin: number }
  | { type: 'REDIRECT'; travelMin: number; returnMin: number }
  | { type: 'RELEASE' }
  | { type: 'RECALL' }
  | { type: 'CASUALTY' };

export const teamMachine = setup({
  types: {} as { context: TeamContext; events: TeamEvent; input: { mobilizeMin: number; restMin: number } },
  delays: {
    mobilize: ({ context }) => context.mobilizeMin,
    travel: ({ context }) => context.travelMin,
    back: ({ context }) => context.returnMin,
    rest: ({ context }) => context.restMin
  },
  actions: {
    setRoute: assign(({ event }) =>
      event.type === 'DISPATCH' || event.type === 'REDIRECT'
        ? { travelMin: event.travelMin, returnMin: event.returnMin }
        : {}
    )
  }
}).createMachine({
  id: 'team',
  context: ({ input }) => ({ mobilizeMin: input.mobilizeMin, travelMin: 0, returnMin: 0, restMin: input.restMin }),
  initial: 'available',
  states: {
    available: { on: { DISPATCH: { target: 'mobilizing', actions: 'setRoute' }, CASUALTY: 'outOfService' } },
    mobilizing: {
      after: { mobilize: 'enRoute' },
      on: { RECALL: 'available', REDIRECT: { actions: 'setRoute' }, CASUALTY: 'outOfService' }
    },
    enRoute: {
      after: { travel: 'onScene' },
      on: { RECALL: 'returning', REDIRECT: { target: 'enRoute', reenter: true, actions: 'setRoute' }, CASUALTY: 'outOfService' }
    },
    onScene: {
      on: { RELEASE: 'returning', RECALL: 'returning', REDIRECT: { target: 'enRoute', actions: 'setRoute' }, CASUALTY: 'outOfService' }
    },
    returning: { after: { back: 'resting' }, on: { DISPATCH: { target: 'enRoute', actions: 'setRoute' }, CASUALTY: 'outOfService' } },
    resting: { after: { rest: 'available' }, on: { DISPATCH: { target: 'mobilizing', actions: 'setRoute' } } },
    outOfService: { type: 'final' }
  }
});

export type TeamStatus = 'available' | 'mobilizing' | 'enRoute' | 'onScene' | 'returning' | 'resting' | 'outOfService';
