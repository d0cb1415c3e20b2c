// @ta/platform: what every process runs on, without a web framework: configuration, the
// infrastructure (PostgreSQL, the event store), how a process starts and reports its health,
// the command executor, the actor and its tokens, the text rules. The NestJS face (modules,
// guards, filters, decorators, the edge's checks) is `@ta/platform/http`.
export * from './config';
export * from './config-error';
export * from './public-view';
export * from './infrastructure';
export * from './problem-details';
export * from './request-context';
export { LagWatch, checkReadiness, notReadyProblem, type Readiness, type Check } from './health/readiness';
export { serveHealth } from './health/health-server';
export * from './process/consumer-registry';
export * from './process/start-process';
export * from './commands/actor';
export * from './commands/command-executor';
export * from './auth';
export { isStorableText, isPlainText, isSingleLineText } from './text-rules';
export { answerClientErrors } from './client-errors';
