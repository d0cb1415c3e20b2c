// @ta/iati: the read-only IATI 2.03 publisher: `iati-activities` (one activity per engagement
// of a request that is not restricted) and `iati-organisations` (the directory's organisations
// with an IATI identifier), built from the coordination read models and the directory, without
// a web framework. The HTTP face is `@ta/iati/http`.
export * from './iati-activities';
export * from './iati-organisations';
export * from './iati-publisher';
export * from './domain';
export * from './import';
export * from './read-models';
