export * from './document-store';
export * from './document-text';
