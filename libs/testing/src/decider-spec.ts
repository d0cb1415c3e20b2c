import type { Decider } from '@ta/core';

/**
 * given(events).when(command).then(expectedEvents) | .thenThrows(ErrorClass, code)
 * A tiny helper for decider specs; it uses jest's `expect`.
 */
export function deciderSpec<C, E, S>(decider: Decider<C, E, S>) {
  return {
    given(events: readonly E[]) {
      const state = events.reduce(decider.evolve, decider.initialState());
      return {
        when(command: C) {
          const run = () => decider.decide(command, state);
          return {
            then(expected: readonly E[]) {
              expect(run()).toEqual(expected);
            },
            thenThrows(errorClass: new (...args: never[]) => Error, code?: string) {
              let thrown: unknown;
              try {
                run();
              } catch (e) {
                thrown = e;
              }
              expect(thrown).toBeInstanceOf(errorClass);
              if (code !== undefined) expect((thrown as { code?: string }).code).toBe(code);
            },
            /** For checks beyond equality, e.g. on the state after the new events. */
            thenState(assert: (events: E[], after: S) => void) {
              const events = run();
              assert(events, events.reduce(decider.evolve, state));
            },
          };
        },
      };
    },
  };
}
