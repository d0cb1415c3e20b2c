import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Infrastructure } from '@ta/platform';
import { AppModule } from './app.module';

/** The HTTP application on the given infrastructure; used by main.ts and the e2e tests. */
export async function createApp(infra: Infrastructure, options: { logger?: false } = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(infra), {
    ...(options.logger === false ? { logger: false } : {}),
  });
  app.useBodyParser('json', { limit: '256kb' });
  return app;
}
