export * from './send-document';
