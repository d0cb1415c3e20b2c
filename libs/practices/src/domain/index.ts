export * from './practice.commands';
export * from './practice.events';
export * from './practice.state';
export * from './practice.decider';
export * from './lesson-invitation.decider';
