export * from './document-store';
export * from './document-text';
export * from './case-documents';
