import { envInt, publicViewEnabled, type CommandExecutor, type Infrastructure } from '@ta/platform';
import { DOCUMENT_MAX_BYTES_DEFAULT, PostgresDocumentStore, type DocumentStore } from '@ta/documents';
import { LessonInvitations } from './lesson-invitations';
import { PracticeCommands } from './practice-commands';
import { PracticesQueries } from './practices-queries';

/** What a process that serves the library composes it from. */
export interface PracticesServices {
  readonly commands: PracticeCommands;
  readonly queries: PracticesQueries;
  /** The steps "record a lesson" of delivered engagements (and the Secretariat's lessons to review). */
  readonly lessons: LessonInvitations;
  readonly documents: DocumentStore;
  /** The largest file accepted (PRACTICE_DOCUMENT_MAX_BYTES, default 10 MiB). */
  readonly maxDocumentBytes: number;
  /** Published practices are readable without signing in (`publicViewEnabled`). */
  readonly publicView: boolean;
}

export function createPracticesServices(infra: Infrastructure, executor: CommandExecutor): PracticesServices {
  const maxDocumentBytes = envInt(infra.config.env, 'PRACTICE_DOCUMENT_MAX_BYTES', DOCUMENT_MAX_BYTES_DEFAULT, 1024);
  return {
    commands: new PracticeCommands(executor, infra.eventStore.store),
    lessons: new LessonInvitations(executor, infra.eventStore.store, infra.pool),
    queries: new PracticesQueries(infra.pool, infra.eventStore.store, envInt(infra.config.env, 'COORDINATION_WAIT_TIMEOUT_MS', 5000, 0)),
    documents: new PostgresDocumentStore(infra.pool, maxDocumentBytes),
    maxDocumentBytes,
    publicView: publicViewEnabled(infra.config),
  };
}
