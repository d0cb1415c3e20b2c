/** A domain event the mapping cannot publish as it is: the relay stops rather than skip or guess. */
export class UnmappedEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnmappedEventError';
  }
}
