export * from './api-route.decorator';
export * from './problem-responses';
export * from './query-parameters';
export * from './query-parameters.decorator';
export { QueryParametersInterceptor } from './query-parameters.interceptor';
export { VersionETag } from './version-etag.interceptor';
