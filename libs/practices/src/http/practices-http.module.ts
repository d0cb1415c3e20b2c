import { Module, type DynamicModule } from '@nestjs/common';
import type { UploadRoute } from '@ta/platform/http';
import type { PracticesServices } from '../application/practices-services';
import { LessonInvitations } from '../application/lesson-invitations';
import { PracticeCommands } from '../application/practice-commands';
import { PracticesQueries } from '../application/practices-queries';
import { PracticesController } from './practices.controller';
import { PRACTICES_DOCUMENTS } from './practices-tokens';
import { PublicPracticesController } from './public-practices.controller';

/** The library's HTTP face: commands, reads and downloads for signed-in users; published practices publicly where the public view is on. */
@Module({})
export class PracticesHttpModule {
  static forRoot(services: PracticesServices): DynamicModule {
    return {
      module: PracticesHttpModule,
      controllers: [PracticesController, ...(services.publicView ? [PublicPracticesController] : [])],
      providers: [
        { provide: PracticeCommands, useValue: services.commands },
        { provide: PracticesQueries, useValue: services.queries },
        { provide: LessonInvitations, useValue: services.lessons },
        { provide: PRACTICES_DOCUMENTS, useValue: services.documents },
      ],
    };
  }
}

/** The upload route whose body is a file's bytes (for `guardRequests`). */
export function practiceUploadRoutes(services: Pick<PracticesServices, 'maxDocumentBytes'>): UploadRoute[] {
  return [{ method: 'POST', path: /^\/practices\/[^/]+\/documents$/, maxBytes: services.maxDocumentBytes }];
}
