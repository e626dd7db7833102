/**
 * A command post's response level: none → IV → III → II → I (I the highest). Who may declare a
 * level is an authority rule of the scenario (checked in commands/authority.ts); the machine
 * holds the level and refuses nothing but impossible events.
 */
import { setup } from 'xstate';

export type ResponseLevel = 'none' | 'IV' | 'III' | 'II' | 'I';
export const LEVELS: ResponseLevel[] = ['none', 'IV', 'III', 'II', 'I'];

export type PostEvent = { type: 'SET_LEVEL'; level: ResponseLevel };

const toLevel = (level: ResponseLevel) => ({
  target: `.${level}` as const,
  guard: ({ event }: { event: PostEvent }) => event.level === level
});

export const commandPostMachine = setup({
  types: {} as { events: PostEvent }
}).createMachine({
  id: 'post',
  initial: 'none',
  on: { SET_LEVEL: LEVELS.map(toLevel) },
  states: { none: {}, IV: {}, III: {}, II: {}, I: {} }
});

export function levelRank(l: ResponseLevel): number {
  return LEVELS.indexOf(l);
}
