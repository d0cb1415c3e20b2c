export * from './iati-reader';
export * from './iati-import-plan';
export * from './iati-importer';
