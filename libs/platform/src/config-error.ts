/**
 * A setting a process cannot start with. Its message is the whole story, on one line: `runMain`
 * prints it without a stack trace and exits with status 1.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}
