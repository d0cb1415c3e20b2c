/**
 * A process manager as a decider over events: `decide` turns an incoming event and the
 * state BEFORE it into the commands to send; `evolve` then folds the event into the state.
 * Pure like the aggregates: the commands' `at` is the triggering event's `at`.
 *
 * Runner contract: for each event, in order, `commands = decide(event, state)`, then
 * `state = evolve(state, event)`; persist the state (or the handled events) and dispatch the
 * commands. Commands it sends are idempotent on their target, so a replayed event is harmless.
 */
export interface ProcessManager<Input, Output, State> {
  decide(event: Input, state: State): Output[];
  evolve(state: State, event: Input): State;
  initialState(): State;
}
