import { Module, type DynamicModule } from '@nestjs/common';
import { CaseModule } from '@ta/case';
import { PlatformModule, type Infrastructure } from '@ta/platform';

/** The API's composition root: infrastructure plus the bounded contexts' modules. */
@Module({})
export class AppModule {
  static forRoot(infra: Infrastructure): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forRoot(infra), CaseModule],
    };
  }
}
