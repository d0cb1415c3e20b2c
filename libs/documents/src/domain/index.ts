export * from './document-type';
export * from './case-documents.decider';
