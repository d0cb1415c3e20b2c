import { Module, type DynamicModule } from '@nestjs/common';
import type { NotifyServices } from '../application';
import { NotificationsController, NOTIFY_SERVICES } from './notifications.controller';

/** The notifications' HTTP face: preferences, defaults, unsubscribing, webhook subscriptions and their dead letters. */
@Module({})
export class NotifyHttpModule {
  static forRoot(services: NotifyServices): DynamicModule {
    return { module: NotifyHttpModule, controllers: [NotificationsController], providers: [{ provide: NOTIFY_SERVICES, useValue: services }] };
  }
}
