export * from './send-document';
export * from './case-documents.controller';
