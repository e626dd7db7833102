/**
 * Lifecycle layer on XState v5 machines stepped by the pure `transition()`. XState returns delayed
 * `raise` and `cancel` actions instead of running its own timers; we hand those to the engine's
 * scheduler, so delays count sim-minutes and survive snapshots. Actor ids and XState's scheduler
 * never reach our state or event stream (they are not stable across runs).
 */
import { initialTransition, transition, type AnyStateMachine, type AnyMachineSnapshot } from 'xstate';
import { commandPostMachine } from './commandPost.ts';
import { exerciseMachine } from './exercise.ts';
import { incidentMachine } from './incident.ts';
import { teamMachine } from './team.ts';
import type { LifecycleKind, LifecycleLayer, LifecycleSnap, LifecycleStep } from './lifecycle.ts';

export const MACHINES: Record<LifecycleKind, AnyStateMachine> = {
  exercise: exerciseMachine,
  incident: incidentMachine,
  team: teamMachine,
  post: commandPostMachine
};

interface RaiseAction {
  type: string;
  params?: { event?: { type: string }; id?: string; delay?: number; sendId?: string };
}

export function createXStateLayer(): LifecycleLayer {
  // Plain snaps we handed out → the machine snapshot they came from, so a step needs no resolveState.
  const cache = new WeakMap<LifecycleSnap, AnyMachineSnapshot>();

  function toStep(machineSnap: AnyMachineSnapshot, actions: readonly RaiseAction[]): LifecycleStep {
    const snap: LifecycleSnap = { value: machineSnap.value as string, context: (machineSnap.context ?? {}) as Record<string, unknown> };
    cache.set(snap, machineSnap);
    const step: LifecycleStep = { snap, timers: [], cancels: [] };
    for (const a of actions) {
      if (a.type === 'xstate.raise' && a.params?.delay !== undefined && a.params.event) {
        step.timers.push({ id: a.params.id ?? a.params.event.type, delay: a.params.delay, event: a.params.event });
      } else if (a.type === 'xstate.cancel' && a.params?.sendId) {
        step.cancels.push(a.params.sendId);
      }
    }
    return step;
  }

  return {
    name: 'xstate',
    start(kind, input) {
      const [s, actions] = initialTransition(MACHINES[kind], input);
      return toStep(s, actions as readonly RaiseAction[]);
    },
    send(kind, snap, event) {
      const machine = MACHINES[kind];
      const current = cache.get(snap) ?? machine.resolveState({ value: snap.value, context: snap.context });
      const [s, actions] = transition(machine, current, event as never);
      return toStep(s, actions as readonly RaiseAction[]);
    }
  };
}
