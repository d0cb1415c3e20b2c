export * from './config';
export * from './tokens';
export * from './infrastructure';
export * from './platform.module';
export * from './problem-details.filter';
export { HealthController } from './health.controller';
export * from './commands/actor';
export * from './commands/command-executor';
export { createValidationPipe } from './validation';
