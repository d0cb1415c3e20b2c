import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { answerClientErrors, createValidationPipe, guardRequests, rateLimit, type Infrastructure } from '@ta/platform';
import { AppModule } from './app.module';
import { serveWebApp } from './web-app';

/** The HTTP application on the given infrastructure; used by main.ts and the e2e tests. */
export async function createApp(infra: Infrastructure, options: { logger?: false } = {}): Promise<INestApplication> {
  // No default body parsers: guardRequests installs the only one (JSON; a form is a 415).
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(infra), {
    bodyParser: false,
    ...(options.logger === false ? { logger: false } : {}),
  });
  // ETag is a command's stream version (send it back as If-Match); Express's own weak hash of
  // every body (problems included) would be another meaning under the same name.
  app.set('etag', false);
  answerClientErrors(app.getHttpServer());
  app.use(rateLimit(infra.config.rateLimitPerMinute));
  guardRequests(app);
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
