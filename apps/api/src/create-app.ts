import type { INestApplication, LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { answerClientErrors } from '@ta/platform';
import { IATI_IMPORT_UPLOADS } from '@ta/iati/http';
import { identityRoutes } from '@ta/identity/http';
import { accessLog, corsOrigins, createValidationPipe, guardRequests, PostgresRateLimitStore, rateLimit, RequestIdLogger, requestIds, securityHeaders } from '@ta/platform/http';
import { caseDocumentUploadRoutes } from '@ta/documents/http';
import { practiceUploadRoutes } from '@ta/practices/http';
import { AppModule, type ApiServices } from './app.module';
import { serveWebApp } from './web-app';

/** The API's HTTP application (not yet initialised) over the process's services (api.process.ts). */
/**
 * `options.logger`: false for none (the tests), or the logger to write with; by default the
 * console with the request id in front of every line written while serving a request.
 */
export async function createApp(services: ApiServices, options: { logger?: false | LoggerService } = {}): Promise<INestApplication> {
  const { infra } = services;
  // No default body parsers: guardRequests installs the only one (JSON; a form is a 415; the IATI
  // import routes read their XML bodies as streams).
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(services), {
    bodyParser: false,
    logger: options.logger ?? new RequestIdLogger(),
  });
  // ETag is a command's stream version (send it back as If-Match); Express's own weak hash of
  // every body (problems included) would be another meaning under the same name.
  app.set('etag', false);
  // Behind a proxy (docker-compose.yml's `proxy`): which X-Forwarded-For hops to trust, so that a
  // client's address (the rate limit's key) is the client's, not the proxy's.
  const trustProxy = infra.config.env.TRUST_PROXY?.trim();
  if (trustProxy) app.set('trust proxy', /^\d+$/.test(trustProxy) ? Number(trustProxy) : trustProxy === 'true' ? true : trustProxy);
  answerClientErrors(app.getHttpServer());
  // A request id on every response (and problem body), security headers, CORS closed unless
  // CORS_ORIGINS lists origins (docs/operations.md, "Edge").
  app.use(requestIds());
  if (infra.config.env.ACCESS_LOG !== 'off') app.use(accessLog());
  for (const handler of securityHeaders({ docsPrefix: '/docs' })) app.use(handler);
  const origins = corsOrigins(infra.config.env);
  if (origins.length > 0) {
    app.enableCors({ origin: origins, allowedHeaders: ['Authorization', 'Content-Type', 'If-Match', 'Idempotency-Key', 'X-Request-Id'], exposedHeaders: ['ETag', 'Location', 'X-Request-Id'], maxAge: 600 });
  }
  app.use(rateLimit(infra.config.rateLimitPerMinute, new PostgresRateLimitStore(infra.pool))); // shared by the API processes on one database
  // Sign-in (redirects, cookies) and the token endpoint (an OAuth form body): before the JSON-only edge.
  app.use(identityRoutes(services.identity));
  guardRequests(app, { uploads: [...practiceUploadRoutes(services.practices), ...caseDocumentUploadRoutes(services.caseDocuments)], streamed: IATI_IMPORT_UPLOADS });
  app.useGlobalPipes(createValidationPipe());
  serveWebApp(app, infra.config.env.WEB_DIST_DIR);
  const openApi = new DocumentBuilder()
    .setTitle('UNCAC technical-assistance coordination platform')
    .setDescription(
      'Requests for technical assistance, offers, engagements and milestones as an event-sourced record. ' +
        'Errors are RFC 9457 problem details with a stable `code`. Commands answer with the stream version (also the ETag) ' +
        'and the global position of their last event (pass it to queries as `minPosition` to read your own write). ' +
        'Every route refuses a query parameter it does not list here (400).',
    )
    .setVersion('0.1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .addSecurityRequirements('bearer')
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, openApi), { jsonDocumentUrl: 'docs/openapi.json' });
  return app;
}
