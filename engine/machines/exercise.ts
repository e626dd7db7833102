/** The exercise itself: setup → running ⇄ paused → ended. The clock only advances while running. */
import { setup } from 'xstate';

export type ExerciseEvent = { type: 'START' } | { type: 'PAUSE' } | { type: 'RESUME' } | { type: 'END' };

export const exerciseMachine = setup({
  types: {} as { events: ExerciseEvent }
}).createMachine({
  id: 'exercise',
  initial: 'setup',
  states: {
    setup: { on: { START: 'running', END: 'ended' } },
    running: { on: { PAUSE: 'paused', END: 'ended' } },
    paused: { on: { RESUME: 'running', END: 'ended' } },
    ended: { type: 'final' }
  }
});

export type ExerciseStatus = 'setup' | 'running' | 'paused' | 'ended';
