export * from './reported-activity.events';
export * from './reported-activity.decider';
