export * from './codelist.types';
export * from './codelists';
export * from './languages';
export * from './localized-text';
export * from './iati';
export * from './request-eligibility';
