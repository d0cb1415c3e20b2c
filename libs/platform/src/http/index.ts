// @ta/platform/http: the NestJS face of the platform, for processes that serve HTTP (the
// API): the platform module (health, problem details, the auth guard), the edge's checks of
// every request, and the decorators routes are declared with.
export * from './tokens';
export * from './platform.module';
export * from './problem-details.filter';
export { HealthController } from './health/health.controller';
export { AUTH_CONFIG, AuthGuard, CSRF_HEADER, Public, REQUEST_AUTHENTICATOR } from './auth.guard';
export { CurrentActor } from './current-actor.decorator';
export { createValidationPipe } from './validation.pipe';
export { MemoryRateLimitStore, PostgresRateLimitStore, rateLimit, type RateLimitStore } from './rate-limit';
export * from './api-route.decorator';
export * from './problem-responses';
export * from './query-parameters';
export * from './query-parameters.decorator';
export { QueryParametersInterceptor } from './query-parameters.interceptor';
export { VersionETag } from './version-etag.interceptor';
export { guardRequests, JSON_BODY_MAX_BYTES, type StreamedBodyRoute, type UploadRoute } from './edge/request-guard';
export { inspectJsonBody, JSON_BODY_LIMITS } from './edge/json-body';
export { inspectUrl } from './edge/url';
export { corsOrigins, requestIdOf, requestIds, REQUEST_ID_HEADER, securityHeaders } from './edge/security-headers';
export { accessLog, RequestIdLogger } from './request-logger';
export { PathId, pathId, MALFORMED_ID, type PathIdKind } from './edge/path-id.pipe';
export { SingleLine, PlainText, IsCalendarDate } from './edge/text.validators';
export { answerCommand, contextFrom, parseIfMatch, type HeaderSink, type RequestHeaders } from './command-context';
