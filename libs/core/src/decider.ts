/**
 * An aggregate as a decider (after Jérémie Chassaing and event-driven-io/emmett):
 * `decide` turns a command and the current state into new events (or throws a
 * PlatformError), `evolve` folds one event into the state, `initialState` starts the fold.
 * Both functions are pure: time, ids and lookups arrive inside the command.
 */
export interface Decider<Command, Event, State> {
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
  initialState(): State;
}

/** A domain event: a past-tense `type` and its `data`. Stored with `schemaVersion`. */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
}

export function fold<Event, State>(decider: Pick<Decider<unknown, Event, State>, 'evolve' | 'initialState'>, events: readonly Event[]): State {
  return events.reduce(decider.evolve, decider.initialState());
}
