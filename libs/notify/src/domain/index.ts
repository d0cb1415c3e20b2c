export * from './notification-rules';
export * from './templates';
export * from './signature';
export * from './reminders';
export * from './digests';
