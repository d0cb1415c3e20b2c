export * from './directory-access';
export * from './directory-commands';
export * from './directory-identities';
export * from './directory-projector';
export * from './directory-queries';
export * from './directory-seed';
export * from './organisation-row';
export * from './directory-services';
