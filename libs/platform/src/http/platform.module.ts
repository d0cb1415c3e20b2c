import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { EVENT_STORE } from '@ta/event-store';
import { requireAuth } from '../auth/auth-config';
import type { RequestAuthenticator } from '../auth/request-authenticator';
import { AUTH_CONFIG, AuthGuard, REQUEST_AUTHENTICATOR } from './auth.guard';
import { HealthController } from './health/health.controller';
import { QueryParametersInterceptor } from './query-parameters.interceptor';
import type { Infrastructure } from '../infrastructure';
import { ProblemDetailsFilter } from './problem-details.filter';
import { CLOCK, INFRASTRUCTURE, PG_POOL, PLATFORM_CONFIG } from './tokens';

/** Makes the process's infrastructure injectable everywhere; health, problem details, bearer tokens, query strings checked. */
@Global()
@Module({})
export class PlatformModule {
  /** `authenticator`: sessions and service accounts (the identity library's), besides bearer JWTs. */
  static forRoot(infra: Infrastructure, options: { authenticator?: RequestAuthenticator } = {}): DynamicModule {
    return {
      module: PlatformModule,
      controllers: [HealthController],
      providers: [
        { provide: INFRASTRUCTURE, useValue: infra },
        { provide: PLATFORM_CONFIG, useValue: infra.config },
        { provide: PG_POOL, useValue: infra.pool },
        { provide: EVENT_STORE, useValue: infra.eventStore.store },
        { provide: CLOCK, useValue: () => new Date() },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: AUTH_CONFIG, useValue: requireAuth(infra.config) },
        ...(options.authenticator ? [{ provide: REQUEST_AUTHENTICATOR, useValue: options.authenticator }] : []),
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_INTERCEPTOR, useClass: QueryParametersInterceptor },
      ],
      exports: [AUTH_CONFIG, INFRASTRUCTURE, PLATFORM_CONFIG, PG_POOL, EVENT_STORE, CLOCK],
    };
  }
}
