export * from './lesson-engagements';
export * from './practice-commands';
export * from './practices-access';
export * from './practices-projector';
export * from './practices-queries';
export * from './practices-services';
export * from './lesson-invitations';
