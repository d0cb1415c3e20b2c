import { Module, type DynamicModule } from '@nestjs/common';
import { ServiceAccounts } from '../application/service-accounts';
import { ServiceAccountsController } from './service-accounts.controller';

/** The identity library's NestJS face: /service-accounts (the sign-in routes are Express routes: identityRoutes). */
@Module({})
export class IdentityHttpModule {
  static forRoot(services: { serviceAccounts: ServiceAccounts }): DynamicModule {
    return {
      module: IdentityHttpModule,
      controllers: [ServiceAccountsController],
      providers: [{ provide: ServiceAccounts, useValue: services.serviceAccounts }],
    };
  }
}
