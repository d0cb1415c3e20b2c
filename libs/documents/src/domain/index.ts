export * from './document-type';
